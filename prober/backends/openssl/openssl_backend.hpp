#pragma once
#include <cstdio>
#include <memory>
// The OpenSSL stack: one attempt pins one version with min = max.
#include <array>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "backends/backend.hpp"

namespace tlsprobe {
namespace openssl {
class TrustStore;
}

class OpenSslBackend final : public Backend {
 public:
  // Throws UsageError when config.ca_file cannot be loaded.
  explicit OpenSslBackend(const BackendConfig& config = {});

  std::string_view name() const override { return "openssl"; }
  Support supports(Version v) const override;
  asio::awaitable<Outcome> handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) override;
  bool checks_http() const override { return true; }
  // Chains verified so far, each distinct chain and name once per run (tests, bench/).
  std::size_t chain_verifications() const;

 private:
  // One context per version, built once: loading the trust store per attempt would cost
  // more than the handshake.
  std::array<std::unique_ptr<asio::ssl::context>, all_versions.size()> contexts_;
  std::array<Support, all_versions.size()> support_;
  // One store for every context, loaded on the first chain to check.
  std::shared_ptr<openssl::TrustStore> trust_;
  // SSLKEYLOGFILE: where the session secrets go, NSS key log format; opened once, appended to.
  std::shared_ptr<std::FILE> keylog_;
};

}  // namespace tlsprobe
