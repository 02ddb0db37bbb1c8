#include <doctest/doctest.h>

#include "render/describe.hpp"
#include "render/json.hpp"
#include "sample_report.hpp"

using namespace tlsprobe;

namespace {

// Every field filled once and absent once.
Report small() {
  Report rep;
  rep.tool_version = "0.1.0";
  rep.started = sample::started();
  rep.duration = std::chrono::milliseconds(2500);
  rep.versions = {Version::tls1_0, Version::tls1_2};
  rep.backends = {"schannel"};
  const Target login = sample::target("login.microsoftonline.com", 443, "public", "identity");
  Outcome good = sample::ok(Version::tls1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  good.certificate->chain.pop_back();
  good.http = sample::http_ok();
  ClientHelloInfo hello;
  hello.size = 150;
  hello.record_version = 0x0301;
  hello.legacy_version = 0x0303;
  hello.cipher_suites = {0xC030, 0x1A1A, 0x00B0};  // GREASE, and a suite without a name in our table
  hello.compression_methods = {0};
  hello.extensions = {0x0000, 0x000A, 0x000D, 0x0010, 0xFE0D};
  hello.server_name = "login.microsoftonline.com";
  hello.supported_groups = {0x001D, 0x0017};
  hello.signature_algorithms = {0x0804, 0x0401};
  hello.ec_point_formats = {0};
  hello.alpn = {"http/1.1"};
  hello.ja3 = "771,49200-176,0-10-13-16-65037,29-23,0";
  hello.ja3_hash = "00112233445566778899aabbccddeeff";
  hello.ja4 = "t12d0205h1_000000000000_000000000000";
  hello.ja4_r = "t12d0205h1_00b0,c030_000a,000d,fe0d_0804,0401";
  good.client_hello = hello;
  rep.results.push_back(sample::attempt(login, "20.190.151.7", "schannel", Version::tls1_2, good, 87));
  Outcome bad = failure(Status::rejected, ErrorClass::alert, Phase::hello,
                        "say \"no\", twice\r\n\tdéjà vu \x01 \xff end");
  bad.error.alert = 40;
  bad.error.posix_errno = 104;
  bad.error.winsock = 10054;
  bad.error.sec_status = 0x00090320;
  bad.error.offered = Version::tls1_1;
  CertificateSummary cert;
  cert.subject = "CN=proxy.corp";
  cert.issuer = "CN=Corp Inspection CA";
  cert.verified = false;
  cert.verify_error = "unable to get local issuer certificate";
  bad.certificate = cert;
  AttemptResult r = sample::attempt(login, "20.190.151.7", "schannel", Version::tls1_0, bad, 31);
  r.attempts = 2;
  r.failed_attempts = 2;
  rep.results.push_back(r);
  const Target nope = sample::target("nope.invalid", 8443);
  Outcome dns = failure(Status::unreachable, ErrorClass::dns, Phase::resolve, "");
  dns.error.winsock = 11001;
  rep.results.push_back(sample::attempt(nope, "", "schannel", Version::tls1_2, dns, 3));
  return rep;
}

}  // namespace

TEST_CASE("render json: the exact document") {
  const std::string expected = R"({
  "tool": "tlsprobe",
  "version": "0.1.0",
  "started": "2026-11-29T07:08:11.123Z",
  "duration_ms": 2500,
  "versions": [
    "tls1.0",
    "tls1.2"
  ],
  "backends": [
    "schannel"
  ],
  "results": [
    {
      "endpoint": "login.microsoftonline.com",
      "host": "login.microsoftonline.com",
      "port": 443,
      "address": "20.190.151.7",
      "proxy": null,
      "sni": "login.microsoftonline.com",
      "cloud": "public",
      "group": "identity",
      "backend": "schannel",
      "version": "tls1.2",
      "status": "accepted",
      "negotiated": "tls1.2",
      "cipher": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "error": null,
      "certificate": {
        "subject": "CN=stamp2.login.microsoftonline.com",
        "issuer": "CN=Microsoft Azure RSA TLS Issuing CA 07, O=Microsoft Corporation, C=US",
        "not_after": "2027-03-01T12:00:00Z",
        "verified": true,
        "verify_error": null,
        "hostname_matches": true,
        "chain": [
          {
            "subject": "CN=stamp2.login.microsoftonline.com",
            "issuer": "CN=Microsoft Azure RSA TLS Issuing CA 07,O=Microsoft Corporation,C=US",
            "serial": "330059F8B6DA8689706FFA1BD900000059F8B6",
            "not_before": "2026-03-05T12:00:00Z",
            "not_after": "2027-03-01T12:00:00Z",
            "key_type": "RSA",
            "key_bits": 2048,
            "key_curve": null,
            "san_dns": [
              "login.microsoftonline.com",
              "*.login.microsoftonline.com"
            ],
            "san_ip": [],
            "self_signed": false
          }
        ]
      },
      "http": {
        "path": "/",
        "status": 200,
        "status_line": "HTTP/1.1 200 OK",
        "elapsed_ms": 12,
        "error": null
      },
      "client_hello": {
        "size": 150,
        "record_version": "0x0301",
        "legacy_version": "0x0303",
        "supported_versions": [],
        "cipher_suites": [
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "grease",
          "0x00B0"
        ],
        "extensions": [
          "server_name",
          "supported_groups",
          "signature_algorithms",
          "application_layer_protocol_negotiation",
          "encrypted_client_hello"
        ],
        "server_name": "login.microsoftonline.com",
        "supported_groups": [
          "x25519",
          "secp256r1"
        ],
        "key_share_groups": [],
        "signature_algorithms": [
          "rsa_pss_rsae_sha256",
          "rsa_pkcs1_sha256"
        ],
        "ec_point_formats": [
          0
        ],
        "alpn": [
          "http/1.1"
        ],
        "ja3": "771,49200-176,0-10-13-16-65037,29-23,0",
        "ja3_hash": "00112233445566778899aabbccddeeff",
        "ja4": "t12d0205h1_000000000000_000000000000",
        "ja4_r": "t12d0205h1_00b0,c030_000a,000d,fe0d_0804,0401"
      },
      "elapsed_ms": 87,
      "attempts": 1,
      "failed_attempts": 0,
      "connect_shared": false
    },
    {
      "endpoint": "login.microsoftonline.com",
      "host": "login.microsoftonline.com",
      "port": 443,
      "address": "20.190.151.7",
      "proxy": null,
      "sni": "login.microsoftonline.com",
      "cloud": "public",
      "group": "identity",
      "backend": "schannel",
      "version": "tls1.0",
      "status": "rejected",
      "negotiated": null,
      "cipher": null,
      "error": {
        "class": "alert",
        "alert": 40,
        "alert_name": "handshake_failure",
        "errno": 104,
        "winsock": 10054,
        "sec_status": "0x00090320",
        "offered": "tls1.1",
        "phase": "hello",
        "message": "say \"no\", twice\r\n\tdéjà vu \u0001 � end"
      },
      "certificate": {
        "subject": "CN=proxy.corp",
        "issuer": "CN=Corp Inspection CA",
        "not_after": null,
        "verified": false,
        "verify_error": "unable to get local issuer certificate",
        "hostname_matches": null,
        "chain": []
      },
      "http": null,
      "client_hello": null,
      "elapsed_ms": 31,
      "attempts": 2,
      "failed_attempts": 2,
      "connect_shared": false
    },
    {
      "endpoint": "nope.invalid:8443",
      "host": "nope.invalid",
      "port": 8443,
      "address": null,
      "proxy": null,
      "sni": null,
      "cloud": null,
      "group": null,
      "backend": "schannel",
      "version": "tls1.2",
      "status": "unreachable",
      "negotiated": null,
      "cipher": null,
      "error": {
        "class": "dns",
        "alert": null,
        "alert_name": null,
        "errno": null,
        "winsock": 11001,
        "sec_status": null,
        "offered": null,
        "phase": "resolve",
        "message": ""
      },
      "certificate": null,
      "http": null,
      "client_hello": null,
      "elapsed_ms": 3,
      "attempts": 1,
      "failed_attempts": 1,
      "connect_shared": false
    }
  ],
  "summary": {
    "endpoints": 2,
    "addresses": 1,
    "attempts": 3,
    "accepted": 1,
    "rejected": 1,
    "unreachable": 1,
    "unsupported": 0,
    "errors": 0
  }
}
)";
  CHECK(render_json(small()) == expected);
}

TEST_CASE("render json: later sections are appended after the summary") {
  nlohmann::ordered_json extra;
  extra["disagreements"] = nlohmann::ordered_json::array();
  extra["policy"] = {{"passed", true}};
  const auto doc = nlohmann::ordered_json::parse(render_json(small(), extra));
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"tool", "version", "started", "duration_ms", "versions", "backends",
                                         "results", "summary", "disagreements", "policy"});
  CHECK(doc["policy"]["passed"] == true);
  CHECK(render_json(small(), nlohmann::ordered_json::object()) == render_json(small()));
}

TEST_CASE("render json: timestamps are UTC with milliseconds") {
  using namespace std::chrono;
  CHECK(iso8601_utc(system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
  CHECK(iso8601_utc(sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59} + milliseconds{7}) ==
        "2024-02-29T23:59:59.007Z");
  // Sub-millisecond precision is cut, never rounded into the next second.
  CHECK(iso8601_utc(sys_days{year{2026} / 12 / 31} + hours{23} + minutes{59} + seconds{59} + microseconds{999999}) ==
        "2026-12-31T23:59:59.999Z");
}

TEST_CASE("render json: a failed http check keeps the error's native codes") {
  Report rep = small();
  rep.results.front().outcome.http = sample::http_reset();
  const auto doc = nlohmann::ordered_json::parse(render_json(rep));
  const std::string expected = R"json({
  "path": "/",
  "status": null,
  "status_line": null,
  "elapsed_ms": 301,
  "error": {
    "class": "reset",
    "alert": null,
    "alert_name": null,
    "errno": 104,
    "winsock": 10054,
    "sec_status": null,
    "offered": null,
    "phase": "http",
    "message": "Connection reset by peer"
  }
})json";
  CHECK(doc["results"][0]["http"].dump(2) == expected);
  CHECK(doc["results"][0]["status"] == "accepted");  // the handshake's verdict is untouched
}

TEST_CASE("render json: certificate findings, in order, address null when a proxy resolved the name") {
  const std::vector<CertificateFinding> findings{
      {{"certificate.inspection", Severity::warning, "likely TLS inspection by Contoso Proxy CA"},
       "login.microsoftonline.com",
       "20.190.151.7",
       "openssl"},
      {{"certificate.expired", Severity::error, "leaf certificate mars expired on 2026-01-01T00:00:00Z (332 days ago)"},
       "mars.contoso.example:8443",
       "",
       "openssl"},
  };
  const std::string expected = R"json([
  {
    "id": "certificate.inspection",
    "severity": "warning",
    "endpoint": "login.microsoftonline.com",
    "address": "20.190.151.7",
    "backend": "openssl",
    "message": "likely TLS inspection by Contoso Proxy CA"
  },
  {
    "id": "certificate.expired",
    "severity": "error",
    "endpoint": "mars.contoso.example:8443",
    "address": null,
    "backend": "openssl",
    "message": "leaf certificate mars expired on 2026-01-01T00:00:00Z (332 days ago)"
  }
])json";
  CHECK(certificate_findings_to_json(findings).dump(2) == expected);
  CHECK(certificate_findings_to_json({}).dump() == "[]");
}
