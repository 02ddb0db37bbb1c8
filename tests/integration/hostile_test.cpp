// Hostile servers (tests/servers/hostile_server.py): peers that trickle, never stop talking,
// lie about lengths, speak another protocol, close or reset half-way, loop HelloRetryRequests,
// flood HelloRequests, announce a 16 MiB certificate ... Every attempt of both Linux backends
// must end in a typed outcome (DESIGN.md's taxonomy) within its deadline, and the report must
// still render as valid JSON.
//
// The rules every case shares (check_hostile):
// - each cell is exactly the outcome written beside its test case (status, class, phase,
//   alert, errno/winsock, offered version);
// - never `unsupported`/`local` and never `error`: these are the server's misdeeds, not this
//   machine's limits nor tlsprobe's bugs. The one exception is OpenSSL's SSL 3.0 cell, which
//   Debian's OpenSSL cannot attempt and decides before connecting;
// - never `accepted` by OpenSSL unless the server really completes a handshake (big_cert,
//   long_chain). The raw backend's `accepted` means "a ServerHello with the forced version"
//   (DESIGN.md; it stops there), so where a mode sends a well-formed ServerHello for the forced
//   version before misbehaving, raw accepting it is the contract, and asserted;
// - every attempt returns within its deadline plus 1.5 s (a bound against hangs, not a
//   performance test), and the whole probe within connect + handshake deadline plus 1.5 s;
// - the JSON rendering parses, holds the same status/class/phase per cell, and validates
//   against schema/report.schema.json;
// - the hostile server is still running afterwards (the outcome was its doing, not a crash),
//   and is stopped by the test.
//
// TLSPROBE_HOSTILE_TABLE=1 prints one line per cell (mode, backend, version, outcome, elapsed).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "integration/hostile_harness.hpp"

namespace tlsprobe::test {
namespace {

using namespace std::chrono_literals;
using enum Version;

// ---------------------------------------------------------------------------------------------
// Certificates made at test time with the openssl command line (no checked-in keys)
// ---------------------------------------------------------------------------------------------

void openssl_cli(const TempDir& dir, const std::string& step, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_command(argv, dir / ("openssl-" + step + ".log"), 60s);
  if (result.exit_code != 0) throw std::runtime_error("openssl " + step + " failed:\n" + result.output);
}

// Extension sections for the CA certificates and the leaf, so nothing comes from the
// system's openssl.cnf.
std::filesystem::path write_ext_config(const TempDir& dir, const std::string& alt_names) {
  const auto conf = dir / "certs.cnf";
  write_file(conf,
             "[req]\n"
             "distinguished_name = dn\n"
             "prompt = no\n"
             "[dn]\n"
             "CN = placeholder\n"
             "[ca_ext]\n"
             "basicConstraints = critical, CA:TRUE\n"
             "keyUsage = critical, keyCertSign, cRLSign\n"
             "subjectKeyIdentifier = hash\n"
             "authorityKeyIdentifier = keyid\n"
             "[leaf_ext]\n"
             "basicConstraints = critical, CA:FALSE\n"
             "keyUsage = critical, digitalSignature, keyEncipherment\n"
             "extendedKeyUsage = serverAuth\n"
             "subjectKeyIdentifier = hash\n"
             "subjectAltName = @alt\n"
             "[alt]\n" +
                 alt_names);
  return conf;
}

struct ServedChain {
  std::filesystem::path served;  // PEM: leaf first, then the chain
  std::filesystem::path key;     // the leaf's key
  std::filesystem::path root;    // PEM, for --ca-file
  std::size_t leaf_der_bytes = 0;
};

std::size_t der_size(const TempDir& dir, const std::filesystem::path& pem) {
  const auto der = dir / (pem.filename().string() + ".der");
  openssl_cli(dir, "der-" + pem.filename().string(),
              {"x509", "-in", pem.string(), "-outform", "DER", "-out", der.string()});
  return std::filesystem::file_size(der);
}

constexpr int big_cert_names = 1300;

// A self-signed CN=localhost certificate of about 60 KB: 1,300 DNS names of 44 characters
// beside localhost and 127.0.0.1, all in one subjectAltName extension.
ServedChain make_big_cert(const TempDir& dir) {
  std::string alt = "DNS.1 = localhost\nIP.1 = 127.0.0.1\n";
  for (int i = 0; i < big_cert_names; ++i) {
    std::string n = std::to_string(i);
    n.insert(0, 4 - n.size(), '0');
    alt += "DNS." + std::to_string(i + 2) + " = name-" + n + ".big-certificate.hostile.tlsprobe.test\n";
  }
  const auto conf = write_ext_config(dir, alt);
  ServedChain out{dir / "big.pem", dir / "big.key", dir / "big.pem", 0};
  openssl_cli(dir, "big-cert",
              {"req", "-x509", "-config", conf.string(), "-extensions", "leaf_ext", "-newkey", "ec", "-pkeyopt",
               "ec_paramgen_curve:P-256", "-nodes", "-sha256", "-subj", "/CN=localhost", "-days", "30",
               "-set_serial", "0x5E1F", "-keyout", out.key.string(), "-out", out.served.string()});
  out.leaf_der_bytes = der_size(dir, out.served);
  return out;
}

constexpr int long_chain_length = 30;

// Root -> 28 intermediates -> leaf (CN=localhost, SAN localhost and 127.0.0.1), P-256 keys
// (fast to make); served leaf first, the root last: 30 certificates.
ServedChain make_long_chain(const TempDir& dir) {
  const auto conf = write_ext_config(dir, "DNS.1 = localhost\nIP.1 = 127.0.0.1\n");
  const auto cert = [&](int i) { return dir / ("chain-" + std::to_string(i) + ".pem"); };
  const auto key = [&](int i) { return dir / ("chain-" + std::to_string(i) + ".key"); };
  const int leaf = long_chain_length - 1;
  for (int i = 0; i <= leaf; ++i) {
    const std::string subject = i == 0      ? "/O=tlsprobe tests/CN=hostile chain root"
                                : i == leaf ? "/CN=localhost"
                                            : "/O=tlsprobe tests/CN=hostile chain intermediate " + std::to_string(i);
    std::vector<std::string> args{"req",     "-x509", "-config", conf.string(), "-extensions",
                                  i == leaf ? "leaf_ext" : "ca_ext", "-newkey", "ec", "-pkeyopt",
                                  "ec_paramgen_curve:P-256", "-nodes", "-sha256", "-subj", subject, "-days", "30",
                                  "-set_serial", std::to_string(1000 + i), "-keyout", key(i).string(), "-out",
                                  cert(i).string()};
    if (i > 0) args.insert(args.end(), {"-CA", cert(i - 1).string(), "-CAkey", key(i - 1).string()});
    openssl_cli(dir, "chain-" + std::to_string(i), args);
  }
  std::string served;
  for (int i = leaf; i >= 0; --i) served += read_file(cert(i));
  ServedChain out{dir / "long-chain.pem", key(leaf), cert(0), 0};
  write_file(out.served, served);
  out.leaf_der_bytes = der_size(dir, cert(leaf));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cases, one per mode. Beside each: the rule it asserts.
// ---------------------------------------------------------------------------------------------

TEST_CASE("hostile trickle: a ServerHello at one byte per second is a hello timeout, at every version") {
  // Rule: the ServerHello never completes before the handshake deadline, so nothing was
  // answered: rejected / timeout, phase hello (ETIMEDOUT 110 / WSAETIMEDOUT 10060) for both
  // backends; the deadline, not the peer, ends the attempt.
  const auto report = check_hostile(same_for_both("trickle", every_version(), timeout_in(Phase::hello)));
  for (const auto& r : report.results) {
    INFO(r.backend << " " << token(r.version) << ": " << describe(r));
    if (r.outcome.status == Status::rejected) CHECK(r.elapsed >= handshake_deadline - 100ms);
  }
}

TEST_CASE("hostile endless: a ServerHello then endless random bytes is protocol after the hello") {
  // Rule: OpenSSL reads the ServerHello, then bytes that are not records: rejected / protocol,
  // phase handshake, at every TLS version; it must neither keep reading (the server sends up
  // to 64 MiB) nor call it this machine's limit. Raw stops at the ServerHello, which names
  // the forced version: accepted (its contract), SSL 3.0 included.
  const auto versions = every_version();
  check_hostile(Case{"endless", versions, openssl_row(versions, always(protocol_in(Phase::handshake))),
                     raw_row(versions, raw_accepts)});
}

TEST_CASE("hostile huge_length: a 65,535-byte record holding a 16 MB ServerHello is protocol") {
  // Rule: the record length is over 2^14+2048 (RFC 5246 6.2.3): rejected / protocol, phase
  // hello (no ServerHello was read), both backends, every version; nothing waits for 16 MB.
  check_hostile(same_for_both("huge_length", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile garbage: 4 KB of random bytes is protocol") {
  // Rule: not a record, not SSL 2.0, not HTTP: rejected / protocol, phase hello, both backends.
  check_hostile(same_for_both("garbage", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile http400: an HTTP 400 answer is protocol, never acceptance") {
  // Rule: a plaintext HTTP answer: rejected / protocol, phase hello, both backends.
  check_hostile(same_for_both("http400", every_version(), protocol_in(Phase::hello)));
}

TEST_CASE("hostile half_fin: half a ServerHello then FIN is closed") {
  // Rule: EOF before a whole ServerHello: rejected / closed, phase hello, both backends.
  check_hostile(same_for_both("half_fin", every_version(), closed_in(Phase::hello)));
}

TEST_CASE("hostile half_rst: half a ServerHello then RST is reset, ECONNRESET 104 / WSAECONNRESET 10054") {
  // Rule: a RST while waiting for the rest of the ServerHello: rejected / reset, phase hello,
  // errno 104, winsock 10054, both backends.
  check_hostile(same_for_both("half_rst", every_version(), reset_in(Phase::hello)));
}

TEST_CASE("hostile sslv2: an SSL 2.0 SERVER-HELLO is protocol") {
  // Rule: a peer that speaks only SSL 2.0 accepted nothing we offered: rejected / protocol,
  // phase hello, both backends.
  check_hostile(
      same_for_both("sslv2", every_version(), protocol_in(Phase::hello), {"--cert", test_cert().cert.string()}));
}

TEST_CASE("hostile hello_silence: a ServerHello then silence is a handshake timeout for OpenSSL") {
  // Rule: OpenSSL waits for the Certificate (1.2) / EncryptedExtensions (1.3) that never
  // come: rejected / timeout, phase handshake. Raw has its ServerHello for the forced
  // version: accepted (its contract).
  const auto versions = every_version();
  check_hostile(Case{"hello_silence", versions, openssl_row(versions, always(timeout_in(Phase::handshake))),
                     raw_row(versions, raw_accepts)});
}

TEST_CASE("hostile no_renegotiation_info: a server without RFC 5746 is reached, not blamed on this machine") {
  // Rule: OpenSSL 3 by default refuses a ServerHello without renegotiation_info and would
  // report it as this machine's refusal; the probing contexts set SSL_OP_LEGACY_SERVER_CONNECT
  // (as SChannel behaves), so OpenSSL goes on and waits for the Certificate that never comes:
  // rejected / timeout, phase handshake — never unsupported/local. Raw has its ServerHello
  // for the forced version: accepted. The TLS 1.3 hello gets the capped TLS 1.2 ServerHello.
  const std::vector<Version> versions{tls1_0, tls1_2, tls1_3};
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : timeout_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"no_renegotiation_info", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile alert_bytewise: a fatal alert 70 one byte per write is still alert 70") {
  // Rule: the alert reassembled from seven segments: rejected / alert 70 protocol_version,
  // phase hello, both backends.
  check_hostile(same_for_both("alert_bytewise", every_version(), alert_in(70, "protocol_version")));
}

TEST_CASE("hostile empty_records: 100,000 empty handshake records are protocol") {
  // Rule: RFC 5246 6.2.1 forbids zero-length handshake fragments: rejected / protocol, phase
  // hello, both backends; neither reads all 500 KB of them before deciding.
  check_hostile(same_for_both("empty_records", {tls1_0, tls1_2, tls1_3}, protocol_in(Phase::hello)));
}

TEST_CASE("hostile accept_close: accepted and closed without reading is closed") {
  // Rule: EOF before any answer: rejected / closed, phase hello, both backends.
  check_hostile(same_for_both("accept_close", every_version(), closed_in(Phase::hello)));
}

TEST_CASE("hostile half_open: FIN after reading the hello, socket still reading, is closed") {
  // Rule: the server's FIN is the answer whatever it still reads: rejected / closed, phase hello.
  check_hostile(same_for_both("half_open", {tls1_0, tls1_2, tls1_3}, closed_in(Phase::hello)));
}

TEST_CASE("hostile never_accept: a full accept queue makes connect hang: unreachable, connect timeout") {
  // What the client sees: Linux drops SYNs to a listener whose accept queue is full
  // (listen(0) plus one connection of the server's own), so connect() never completes and
  // the client retransmits its SYN until the connect deadline: unreachable / timeout, phase
  // connect, ETIMEDOUT 110 / WSAETIMEDOUT 10060, both backends (OpenSSL's SSL 3.0 cell is
  // decided before connecting), each within the connect deadline plus the margin.
  check_hostile(same_for_both("never_accept", {tls1_0, tls1_2, tls1_3}, connect_timeout()));
}

TEST_CASE("hostile never_accept_queued: a backlog nobody accepts completes connects, then silence") {
  // What the client sees: with room in the queue the kernel completes the TCP handshake and
  // queues the ClientHello, and no process ever reads it: the silence after the hello,
  // rejected / timeout, phase hello, both backends.
  check_hostile(same_for_both("never_accept_queued", {tls1_0, tls1_2, tls1_3}, timeout_in(Phase::hello)));
}

TEST_CASE("hostile big_cert: a real handshake with a ~60 KB certificate is accepted") {
  // Rule: a real server (Python's ssl) completes TLS 1.2 and 1.3 with a 60 KB self-signed
  // leaf: accepted by both; OpenSSL reports the certificate (not verified: self-signed) with
  // every one of its names.
  TempDir certs;
  const auto big = make_big_cert(certs);
  INFO("certificate: " << big.leaf_der_bytes << " bytes of DER");
  REQUIRE(big.leaf_der_bytes > 55000);
  REQUIRE(big.leaf_der_bytes < 70000);
  Case c{"big_cert", modern, openssl_row(modern, raw_accepts), raw_row(modern, raw_accepts),
         {"--cert", big.served.string(), "--key", big.key.string()}, true};
  c.check_accepted_openssl = [](const AttemptResult& r) {
    REQUIRE(r.outcome.certificate.has_value());
    const auto& cert = *r.outcome.certificate;
    CHECK(cert.subject.find("localhost") != std::string::npos);
    CHECK_FALSE(cert.verified);
    CHECK_FALSE(cert.verify_error.empty());
    REQUIRE(cert.chain.size() == 1);
    CHECK(cert.chain[0].san_dns.size() == big_cert_names + 1);
    CHECK(cert.chain[0].san_ip == std::vector<std::string>{"127.0.0.1"});
  };
  check_hostile(c);
}

TEST_CASE("hostile long_chain: a real handshake with a 30-certificate chain is accepted and verifies") {
  // Rule: a real server sends leaf, 28 intermediates and the root: accepted by both at
  // TLS 1.2 and 1.3; OpenSSL reports all 30 certificates, leaf first, and with the root as
  // --ca-file the chain verifies (OpenSSL's default depth limit is 100).
  TempDir certs;
  const auto chain = make_long_chain(certs);
  Case c{"long_chain", modern, openssl_row(modern, raw_accepts), raw_row(modern, raw_accepts),
         {"--cert", chain.served.string(), "--key", chain.key.string()}, true};
  c.config.ca_file = chain.root.string();
  c.check_accepted_openssl = [](const AttemptResult& r) {
    REQUIRE(r.outcome.certificate.has_value());
    const auto& cert = *r.outcome.certificate;
    INFO("verify error: " << cert.verify_error);
    CHECK(cert.subject == "CN=localhost");
    CHECK(cert.issuer.find("hostile chain intermediate 28") != std::string::npos);
    CHECK(cert.verified);
    REQUIRE(cert.chain.size() == long_chain_length);
    CHECK(cert.chain.front().subject == "CN=localhost");
    CHECK(cert.chain.back().subject.find("hostile chain root") != std::string::npos);
    CHECK(cert.chain.back().self_signed);
    for (std::size_t i = 1; i + 1 < cert.chain.size(); ++i) {
      INFO("chain[" << i << "] " << cert.chain[i].subject);
      CHECK(cert.chain[i].subject.find("intermediate " + std::to_string(long_chain_length - 1 - i)) !=
            std::string::npos);
      CHECK(cert.chain[i].issuer == cert.chain[i + 1].subject);
    }
  };
  check_hostile(c);
}

TEST_CASE("hostile alert_junk: alert 40 followed by 1 MB of junk is alert 40") {
  // Rule: the alert is the answer; the junk after it changes nothing: rejected / alert 40
  // handshake_failure, phase hello, both backends.
  check_hostile(same_for_both("alert_junk", every_version(), alert_in(40, "handshake_failure")));
}

TEST_CASE("hostile hrr_loop: a second HelloRetryRequest is the server's protocol violation") {
  // Rule (RFC 8446 4.1.4: a client receiving a second HelloRetryRequest MUST abort with
  // unexpected_message): OpenSSL at TLS 1.3 aborts after the server chose TLS 1.3:
  // rejected / protocol, phase handshake — never unsupported/local, this machine did nothing
  // wrong. Raw stops at the first HelloRetryRequest, which selects TLS 1.3 (supported_versions
  // 0x0304): accepted (its contract). The mode refuses hellos without TLS 1.3 with alert 70.
  const std::vector<Version> versions{tls1_2, tls1_3};
  const Rule openssl = [](Version v) {
    return v == tls1_3 ? protocol_in(Phase::handshake) : alert_in(70, "protocol_version");
  };
  const Rule raw = [](Version v) { return v == tls1_3 ? raw_accepts(v) : alert_in(70, "protocol_version"); };
  check_hostile(Case{"hrr_loop", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile hello_request_flood: HelloRequests around a ServerHello are skipped, then the close counts") {
  // Rule: RFC 5246 7.4.1.1 lets a client ignore HelloRequest while it negotiates, so 9,192
  // of them before the ServerHello (TLS <= 1.2, in kind) and 9,192 after change nothing:
  // OpenSSL meets the FIN where the Certificate belongs, rejected / closed, phase handshake;
  // raw skips them to its ServerHello, accepted (SSL 3.0 included). The mode caps its
  // ServerHello at TLS 1.2 (there is no HelloRequest in TLS 1.3), so the TLS 1.3 cell is
  // version_mismatch, offered tls1.2, for both.
  const auto versions = every_version();
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : closed_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"hello_request_flood", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile tls13_alert_after_sh: a plaintext alert after a TLS 1.3 ServerHello is the server's violation") {
  // Rule: the server chose TLS 1.3 and then sent fatal alert 40 in plaintext, where RFC 8446
  // 5.1 wants every record after the ServerHello encrypted. OpenSSL drops such a record
  // unread ("bad record type"), so the alert number never reaches us: rejected / protocol,
  // phase handshake, the message naming the plaintext alert — never unsupported/local. Raw
  // stops at the ServerHello naming TLS 1.3: accepted (its contract). To hellos without
  // TLS 1.3 the mode sends alert 70.
  const std::vector<Version> versions{tls1_2, tls1_3};
  const Rule openssl = [](Version v) {
    return v == tls1_3 ? protocol_in(Phase::handshake) : alert_in(70, "protocol_version");
  };
  const Rule raw = [](Version v) { return v == tls1_3 ? raw_accepts(v) : alert_in(70, "protocol_version"); };
  check_hostile(Case{"tls13_alert_after_sh", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

TEST_CASE("hostile cert_16mb: a Certificate message declaring 16 MiB is protocol, not a local limit") {
  // Rule: a ServerHello for the forced version (<= TLS 1.2), then a Certificate header
  // declaring 16,777,215 bytes: OpenSSL must refuse from the header (its 100 KB limit is a
  // defence against this server, not a shortcoming of this machine): rejected / protocol,
  // phase handshake, never unsupported/local, and without waiting for 16 MiB. Raw stops at
  // the ServerHello: accepted. The TLS 1.3 cell gets the capped TLS 1.2 ServerHello:
  // version_mismatch, offered tls1.2, for both.
  const auto versions = every_version();
  const Rule openssl = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : protocol_in(Phase::handshake); };
  const Rule raw = [](Version v) { return v == tls1_3 ? mismatch(tls1_2) : raw_accepts(v); };
  check_hostile(Case{"cert_16mb", versions, openssl_row(versions, openssl), raw_row(versions, raw)});
}

}  // namespace
}  // namespace tlsprobe::test
