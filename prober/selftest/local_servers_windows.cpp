#include "selftest/local_servers.hpp"

namespace tlsprobe::selftest {

// The Windows build has no OpenSSL (Debian ships none for MinGW), and SChannel's server side
// needs a certificate with a private key in a system store: not something a diagnostic tool
// should create on an admin's machine. So no local server here; the report says why.
struct LocalServers::Impl {
  std::vector<ServerSlot> slots;
};

LocalServers::LocalServers(const std::vector<Version>& versions) : impl_(std::make_unique<Impl>()) {
  for (const auto v : versions)
    impl_->slots.push_back(
        {v, std::nullopt, "this Windows build has no local TLS server to test against; probe a server known to accept the version instead"});
}

LocalServers::~LocalServers() = default;

const std::vector<ServerSlot>& LocalServers::slots() const { return impl_->slots; }

}  // namespace tlsprobe::selftest
