#pragma once
// The raw backend: a hand-built ClientHello and a parser for the answer, no TLS library.
// It is the only way to see SSL 3.0 acceptance with a modern OpenSSL (as testssl.sh,
// sslscan and nmap do), and it works the same on every platform.
#include "backends/backend.hpp"

namespace tlsprobe {

class RawBackend final : public Backend {
 public:
  explicit RawBackend(const BackendConfig& config = {});

  std::string_view name() const override { return "raw"; }
  Support supports(Version) const override { return {}; }
  asio::awaitable<Outcome> handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) override;
  std::vector<std::uint16_t> scan_candidates(Version v) const override;
  std::vector<std::uint16_t> scan_group_candidates(Version v) const override;

 private:
  bool large_hello_;
};

}  // namespace tlsprobe
