#pragma once
// The certificates every OpenSSL chain is checked against: one X509_STORE for all five
// contexts and every attempt. The system bundle (Debian's ca-certificates, ~140 roots) is
// parsed once, and only when the first accepted handshake has a chain to check: loading it
// into each context at start-up was most of a short run's time. --ca-file is the user's own
// file and small: loaded at once, so a bad path is refused before the first packet.
//
// The handshake itself checks nothing (the contexts' verify callback accepts every chain):
// trust is reported beside the outcome, never instead of it. A chain is verified after the
// handshake, once per distinct chain and name in a run: the five versions of one endpoint
// present the same chain.
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <map>
#include <mutex>
#include <string>

namespace tlsprobe::openssl {

class TrustStore {
 public:
  // Throws UsageError when ca_file is given and cannot be loaded.
  explicit TrustStore(std::string ca_file);
  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  // The peer chain of an accepted handshake verified for the SSL's host name or address
  // (SSL_set1_host), as SSL_get_verify_result would say it: X509_V_OK or the error code.
  long verify_peer(SSL* ssl);
  // Why the system store could not be loaded; empty when it could (or --ca-file is used).
  std::string note();
  // How many chains were verified (not answered from the cache): for tests and benchmarks.
  std::size_t verifications() const;

 private:
  X509_STORE* store();  // loads the system store on the first call

  std::string ca_file_;
  mutable std::mutex mutex_;
  X509_STORE* store_ = nullptr;
  bool loaded_ = false;
  std::string note_;
  std::map<std::string, long> verified_;  // by verify name and the chain's DER
  std::size_t verifications_ = 0;
};

// For SSL_CTX_set_cert_verify_callback: accept every chain during the handshake.
int accept_chain_for_now(X509_STORE_CTX* ctx, void* arg);

}  // namespace tlsprobe::openssl
