#pragma once
// The server's certificate as SChannel received it, checked through CryptoAPI the way
// Windows clients check it: chain trust plus the SSL policy for the server name.
#include "backends/schannel/crypt_handles.hpp"
#include "backends/schannel/sspi.hpp"

#include <wincrypt.h>

#include <memory>
#include <optional>
#include <string>

#include "core/outcome.hpp"

namespace tlsprobe::schannel {

// The trust anchors to check chains against: the system's, or only those of --ca-file.
class TrustAnchors {
 public:
  // Empty file: the system store. Throws UsageError when the file has no usable certificate.
  explicit TrustAnchors(const std::string& ca_file);
  TrustAnchors(const TrustAnchors&) = delete;
  TrustAnchors& operator=(const TrustAnchors&) = delete;

  // nullptr: the default chain engine (the system's roots).
  HCERTCHAINENGINE engine() const { return engine_.get(); }

 private:
  // Owned, so a constructor that throws half way frees what it opened.
  StorePtr roots_;
  ChainEnginePtr engine_;
};

// Subject, issuer and expiry of the remote certificate, whether its chain is trusted for
// `verify_name` (CryptoAPI's verdict), whether the leaf's own names cover `verify_name`, and
// the chain as the server presented it, leaf first. Nothing when SChannel holds no remote
// certificate.
std::optional<CertificateSummary> summarize_certificate(CtxtHandle* context, const std::string& verify_name,
                                                        const TrustAnchors& anchors);

}  // namespace tlsprobe::schannel
