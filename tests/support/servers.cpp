#include "support/servers.hpp"

#include "support/certs.hpp"
#include "support/net.hpp"

#ifndef TLSPROBE_SOURCE_DIR
#error "TLSPROBE_SOURCE_DIR must name the source tree (tests/servers lives there)"
#endif

namespace tlsprobe::test {
namespace {

std::string host_port(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

ServerProcess start_openssl_server(const TempDir& dir, const std::vector<std::string>& flags,
                                   const std::string& host) {
  const auto& cert = test_cert();
  const auto port = free_port(host);
  std::string name = "openssl s_server";
  for (const auto& f : flags) name += " " + f;
  // -www answers "GET /" and ends each connection on its own; a plain s_server would wait
  // for stdin. It serves one connection at a time: concurrent attempts queue in the backlog.
  std::vector<std::string> argv{"openssl", "s_server", "-accept", host_port(host, port), "-cert", cert.cert.string(),
                                "-key",    cert.key.string(), "-www"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return ServerProcess(ServerSpec{name, argv, host, port, dir / ("s_server-" + std::to_string(port) + ".log")});
}

ServerProcess start_nginx(const TempDir& dir, const std::string& protocols, const std::string& ciphers,
                          const std::string& host) {
  const auto& cert = test_cert();
  const auto port = free_port(host);
  const auto prefix = dir / ("nginx-" + std::to_string(port));
  std::filesystem::create_directories(prefix);
  const auto p = prefix.string();
  const std::string conf =
      "daemon off;\n"
      "master_process off;\n"
      "worker_processes 1;\n"
      "pid " + p + "/nginx.pid;\n"
      "error_log stderr info;\n"
      "events { worker_connections 256; }\n"
      "http {\n"
      "  access_log off;\n"
      "  client_body_temp_path " + p + "/client_body;\n"
      "  proxy_temp_path " + p + "/proxy;\n"
      "  fastcgi_temp_path " + p + "/fastcgi;\n"
      "  uwsgi_temp_path " + p + "/uwsgi;\n"
      "  scgi_temp_path " + p + "/scgi;\n"
      "  server {\n"
      "    listen " + host_port(host, port) + " ssl;\n"
      "    ssl_certificate " + cert.cert.string() + ";\n"
      "    ssl_certificate_key " + cert.key.string() + ";\n"
      "    ssl_protocols " + protocols + ";\n"
      "    ssl_ciphers " + ciphers + ";\n"
      "    location / { return 200 \"ok\\n\"; }\n"
      "  }\n"
      "}\n";
  write_file(prefix / "nginx.conf", conf);
  // -e stderr: before it reads our config nginx would open /var/log/nginx/error.log.
  return ServerProcess(ServerSpec{"nginx ssl_protocols " + protocols,
                                  {"nginx", "-e", "stderr", "-p", p + "/", "-c", p + "/nginx.conf"},
                                  host,
                                  port,
                                  prefix / "nginx.log"});
}

ServerProcess start_gnutls_server(const TempDir& dir, const std::string& priority) {
  const auto& cert = test_cert();
  const auto port = free_port();
  return ServerProcess(ServerSpec{"gnutls-serv " + priority,
                                  {"gnutls-serv", "--http", "--disable-client-cert", "--port", std::to_string(port),
                                   "--x509certfile", cert.cert.string(), "--x509keyfile", cert.key.string(),
                                   "--priority", priority},
                                  "127.0.0.1",
                                  port,
                                  dir / ("gnutls-serv-" + std::to_string(port) + ".log")});
}

ServerProcess start_scripted(const TempDir& dir, const std::string& mode, const std::vector<std::string>& extra,
                             const std::string& host) {
  const auto port = free_port(host);
  std::vector<std::string> argv{system_python, TLSPROBE_SOURCE_DIR "/tests/servers/scripted_server.py",
                                "--mode",      mode,
                                "--host",      host,
                                "--port",      std::to_string(port),
                                "--lifetime",  "120",
                                "--idle",      "60"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return ServerProcess(ServerSpec{"scripted " + mode, argv, host, port,
                                  dir / ("scripted-" + mode + "-" + std::to_string(port) + ".log")});
}

}  // namespace tlsprobe::test
