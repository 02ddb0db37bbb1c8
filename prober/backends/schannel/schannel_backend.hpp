#pragma once
// The Windows stack: SChannel through SSPI, one version pinned per attempt, driven over our
// own Asio socket so the deadline, the Winsock errors and every received byte stay ours.
#include <array>
#include <memory>
#include <optional>

#include "backends/backend.hpp"

namespace tlsprobe {

namespace schannel {
class Credentials;
class TrustAnchors;
}  // namespace schannel

class SchannelBackend final : public Backend {
 public:
  // Throws UsageError when config.ca_file cannot be loaded.
  explicit SchannelBackend(const BackendConfig& config = {});
  ~SchannelBackend() override;

  std::string_view name() const override { return "schannel"; }
  Support supports(Version v) const override;
  asio::awaitable<Outcome> handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) override;
  bool checks_http() const override { return true; }

 private:
  // One credentials handle per version, acquired once: SChannel reads the registry then,
  // and each handle is reused by every attempt at its version.
  std::array<std::unique_ptr<schannel::Credentials>, all_versions.size()> credentials_;
  std::array<Support, all_versions.size()> support_;
  std::unique_ptr<schannel::TrustAnchors> anchors_;
};

}  // namespace tlsprobe
