#include "support/proxy.hpp"

#include <fstream>

#include "support/net.hpp"

namespace tlsprobe::test {

ServerProcess start_tinyproxy(const TempDir& dir, const ProxyOptions& options) {
  const auto port = free_port("127.0.0.1");
  const auto conf_path = dir / ("tinyproxy-" + std::to_string(port) + ".conf");
  std::ofstream conf(conf_path);
  conf << "Port " << port << "\n"
       << "Listen 127.0.0.1\n"
       << "Allow 127.0.0.1\n"
       << "Timeout 15\n"
       << "MaxClients 64\n"
       << "LogLevel Info\n";
  // Without any ConnectPort line tinyproxy tunnels to every port; naming them makes the
  // refusal of any other port (403) something a test can ask for.
  for (const auto p : options.connect_ports) conf << "ConnectPort " << p << "\n";
  if (!options.user.empty()) conf << "BasicAuth " << options.user << " " << options.password << "\n";
  conf.close();
  // -d: stay in the foreground and log to stderr, so the process is ours to stop.
  return ServerProcess(ServerSpec{"tinyproxy",
                                  {"tinyproxy", "-d", "-c", conf_path.string()},
                                  "127.0.0.1",
                                  port,
                                  dir / ("tinyproxy-" + std::to_string(port) + ".log")});
}

}  // namespace tlsprobe::test
