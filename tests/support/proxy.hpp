#pragma once
// tinyproxy from Debian as the corporate HTTP CONNECT proxy: bound to 127.0.0.1, accepting
// clients from 127.0.0.1 only, and tunnelling only to the ports the test names.
#include <cstdint>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tlsprobe::test {

struct ProxyOptions {
  std::vector<std::uint16_t> connect_ports;  // CONNECT to any other port is refused (403)
  std::string user;                          // with a password: Basic authentication required
  std::string password;
};

ServerProcess start_tinyproxy(const TempDir& dir, const ProxyOptions& options);

}  // namespace tlsprobe::test
