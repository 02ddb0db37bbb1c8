// SSLKEYLOGFILE: the OpenSSL backend's key log holds the very secrets the server logged for
// the same sessions (s_server -keylogfile), in the NSS format Wireshark reads.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

#include "integration/probe.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using enum Version;

std::set<std::string> key_lines(const std::filesystem::path& file) {
  std::set<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line.front() != '#') out.insert(line);
  return out;
}

}  // namespace

TEST_CASE("key log: every secret of the TLS 1.2 and 1.3 sessions, the server's own lines") {
  TempDir dir;
  const auto server_log = dir.path() / "server.keys";
  const auto client_log = dir.path() / "client.keys";
  auto server = start_openssl_server(dir, {"-keylogfile", server_log.string()});
  BackendConfig config;
  config.keylog_file = client_log.string();
  const auto report = probe("127.0.0.1:" + std::to_string(server.port()), {tls1_2, tls1_3}, quick_options(), config,
                            {"openssl"});
  for (const auto& r : report.results) CHECK(r.outcome.status == Status::accepted);
  server.stop();  // its log is complete once it has exited
  const auto client = key_lines(client_log);
  const auto expected = key_lines(server_log);
  CHECK(client == expected);
  // TLS 1.2: one CLIENT_RANDOM line; TLS 1.3: the handshake and traffic secrets of both sides.
  std::set<std::string> labels;
  for (const auto& line : client) labels.insert(line.substr(0, line.find(' ')));
  CHECK(labels == std::set<std::string>{"CLIENT_RANDOM", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                                        "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
                                        "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"});
}

}  // namespace tlsprobe::test
