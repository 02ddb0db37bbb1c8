#pragma once
// The real and scripted peers the integration tests probe, each on a fresh loopback port,
// with its files and log in the caller's TempDir. Every function returns once the server
// accepts connections, or throws with the server's log.
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tlsprobe::test {

// Debian's interpreter, never a pyenv shim from PATH: CI machines have only this one.
inline constexpr const char* system_python = "/usr/bin/python3";

// `openssl s_server -www` with the given version/cipher flags, e.g. {"-tls1_2"}.
ServerProcess start_openssl_server(const TempDir& dir, const std::vector<std::string>& flags,
                                   const std::string& host = "127.0.0.1");

// nginx with `ssl_protocols protocols;` and `ssl_ciphers ciphers;`, in the foreground, one
// process, every path (pid, logs, temp dirs) inside `dir`.
ServerProcess start_nginx(const TempDir& dir, const std::string& protocols, const std::string& ciphers,
                          const std::string& host = "127.0.0.1");

// gnutls-serv with a priority string. It has no option for the listen address: it binds
// every local address; the tests only ever connect to 127.0.0.1.
ServerProcess start_gnutls_server(const TempDir& dir, const std::string& priority);

// tests/servers/scripted_server.py in one of its modes; `extra` adds arguments.
ServerProcess start_scripted(const TempDir& dir, const std::string& mode, const std::vector<std::string>& extra = {},
                             const std::string& host = "127.0.0.1");

}  // namespace tlsprobe::test
