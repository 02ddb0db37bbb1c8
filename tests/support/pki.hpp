#pragma once
// A private PKI for the certificate tests, made with the openssl command line in a TempDir:
// a root CA and leaves it signs, with the serials, dates and alternative names each test
// asserts field by field. Nothing here touches the system trust store.
#include <filesystem>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tlsprobe::test {

struct KeyPair {
  std::filesystem::path cert;  // PEM
  std::filesystem::path key;   // PEM, unencrypted
};

struct CaSpec {
  std::string subject = "/O=tlsprobe tests/CN=tlsprobe Test Root CA";  // openssl -subj syntax
  std::string serial = "7E57CA";                                         // hex
};

struct LeafSpec {
  std::string name = "leaf";  // file names in the TempDir
  std::string subject = "/O=tlsprobe tests/CN=leaf.tlsprobe.test";
  std::string san = "DNS:leaf.tlsprobe.test,DNS:localhost,IP:127.0.0.1,IP:::1";
  std::string serial = "1000A1";  // hex, even length
  // `openssl ca -startdate/-enddate` (YYYYMMDDHHMMSSZ): fixed, so tests can assert them, and
  // in the past for an expired leaf, which `openssl x509 -req` in OpenSSL 3.0 cannot make.
  std::string not_before = "20250101000000Z";
  std::string not_after = "20350101000000Z";
};

// Self-signed RSA 2048 / SHA-256 root with CA:TRUE, valid for ten years from now (far from
// the expiry warning window, so only the leaves decide the expiry findings).
KeyPair make_ca(const TempDir& dir, const CaSpec& spec = {});

// An RSA 2048 leaf signed by `ca` with `openssl ca` (a minimal config written into `dir`),
// serverAuth, its SANs copied from the request.
KeyPair make_leaf(const TempDir& dir, const KeyPair& ca, const LeafSpec& spec = {});

// `openssl s_server -www` on a fresh 127.0.0.1 port presenting `leaf`, followed by the
// certificates in `chain` (-cert_chain) when it is not empty.
ServerProcess start_pki_server(const TempDir& dir, const KeyPair& leaf, const std::filesystem::path& chain = {});

// What `openssl x509 -noout -serial` prints for a certificate ("1000A1"): the tests compare
// our serial with the tool's, not only with the number they asked for.
std::string openssl_serial(const TempDir& dir, const std::filesystem::path& cert);

}  // namespace tlsprobe::test
