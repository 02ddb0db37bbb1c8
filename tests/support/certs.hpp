#pragma once
// One self-signed certificate per test binary, for every server the tests start.
#include <filesystem>

namespace tlsprobe::test {

struct TestCert {
  std::filesystem::path cert;  // PEM, CN=localhost, SAN DNS:localhost and IP:127.0.0.1, ::1
  std::filesystem::path key;   // PEM, unencrypted
};

// Generated on first use with `openssl req`, removed when the binary exits. Throws with
// openssl's output when generation fails.
const TestCert& test_cert();

}  // namespace tlsprobe::test
