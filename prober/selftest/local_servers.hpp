#pragma once
// TLS servers on 127.0.0.1, one per version, each pinned with min = max, served from a
// thread of their own so the probe engine meets them exactly as it meets a remote server.
// The servers need a TLS library's server side: OpenSSL on Linux (local_servers_openssl.cpp);
// the Windows build says why it has none (local_servers_windows.cpp).
#include <memory>
#include <vector>

#include "selftest/selftest.hpp"

namespace tlsprobe::selftest {

class LocalServers {
 public:
  explicit LocalServers(const std::vector<Version>& versions);
  ~LocalServers();
  LocalServers(const LocalServers&) = delete;
  LocalServers& operator=(const LocalServers&) = delete;

  const std::vector<ServerSlot>& slots() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsprobe::selftest
