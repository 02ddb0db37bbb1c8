#include "support/certs.hpp"

#include <chrono>
#include <stdexcept>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tlsprobe::test {

const TestCert& test_cert() {
  // RSA 2048 with SHA-256: at SECLEVEL=0 servers pinned to TLS 1.0/1.1 can still use it,
  // and at the default level TLS 1.2/1.3 accept it. EC keys would not serve the same
  // ciphers in every server we start.
  static const TempDir dir;
  static const TestCert cert = [] {
    TestCert c{dir / "cert.pem", dir / "key.pem"};
    const auto result = run_command(
        {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=localhost", "-days",
         "30", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1", "-keyout", c.key.string(), "-out",
         c.cert.string()},
        dir / "openssl-req.log", std::chrono::seconds(60));
    if (result.exit_code != 0) throw std::runtime_error("openssl req failed:\n" + result.output);
    return c;
  }();
  return cert;
}

}  // namespace tlsprobe::test
