#include <doctest/doctest.h>

#include "render/csv.hpp"
#include "sample_report.hpp"

using namespace tlsprobe;

namespace {

const std::string header =
    "endpoint,host,port,address,proxy,sni,cloud,group,backend,version,status,negotiated,cipher,error_class,alert,"
    "alert_name,errno,winsock,sec_status,offered,phase,message,cert_subject,cert_issuer,cert_not_after,"
    "cert_verified,cert_verify_error,elapsed_ms,attempts,failed_attempts,cert_hostname_matches,http_status,"
    "http_error\r\n";

}  // namespace

TEST_CASE("render csv: fields are quoted only when RFC 4180 needs it") {
  CHECK(csv_field("") == "");
  CHECK(csv_field("plain text; fine") == "plain text; fine");
  CHECK(csv_field("déjà vu") == "déjà vu");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"no\"") == "\"say \"\"no\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("cr\ronly") == "\"cr\ronly\"");
}

TEST_CASE("render csv: header and one CRLF-terminated row per attempt") {
  Report rep;
  rep.versions = {Version::tls1_0, Version::tls1_2};
  rep.backends = {"schannel"};
  const Target mars = sample::target("mars.contoso.example", 8443, "private", "vault, west");
  Outcome old = sample::ok(Version::tls1_2, "ECDHE-RSA-AES256-GCM-SHA384", false);
  old.certificate->subject = "CN=mars, O=\"Contoso\"";
  old.certificate->issuer = "CN=mars";
  old.http = sample::http_reset();
  rep.results.push_back(sample::attempt(mars, "10.0.0.5", "schannel", Version::tls1_2, old, 42));
  Outcome checked = sample::ok(Version::tls1_3, "TLS_AES_256_GCM_SHA384");
  checked.certificate->hostname_matches = false;
  checked.http = sample::http_ok();
  rep.results.push_back(sample::attempt(mars, "10.0.0.5", "schannel", Version::tls1_3, checked, 40));
  Outcome bad = sample::alert(40, "The message received was unexpected\r\nor badly formatted: «déjà»");
  bad.error.sec_status = 0x80090326;
  bad.error.posix_errno = 104;
  bad.error.winsock = 10054;
  AttemptResult r = sample::attempt(mars, "10.0.0.5", "schannel", Version::tls1_0, bad, 7);
  r.attempts = 3;
  r.failed_attempts = 3;
  rep.results.push_back(r);
  Outcome dns = failure(Status::unreachable, ErrorClass::dns, Phase::resolve, "No such host is known.");
  dns.error.winsock = 11001;
  rep.results.push_back(sample::attempt(sample::target("nope.invalid", 443), "", "schannel", Version::tls1_2, dns, 1));

  const std::string expected =
      header +
      "mars.contoso.example:8443,mars.contoso.example,8443,10.0.0.5,,mars.contoso.example,private,\"vault, west\","
      "schannel,tls1.2,accepted,tls1.2,ECDHE-RSA-AES256-GCM-SHA384,,,,,,,,,,\"CN=mars, O=\"\"Contoso\"\"\","
      "CN=mars,2027-03-01T12:00:00Z,false,unable to get local issuer certificate,42,1,0,true,,reset\r\n"
      "mars.contoso.example:8443,mars.contoso.example,8443,10.0.0.5,,mars.contoso.example,private,\"vault, west\","
      "schannel,tls1.3,accepted,tls1.3,TLS_AES_256_GCM_SHA384,,,,,,,,,,CN=stamp2.login.microsoftonline.com,"
      "\"CN=Microsoft Azure RSA TLS Issuing CA 07, O=Microsoft Corporation, C=US\",2027-03-01T12:00:00Z,true,,40,1,0,"
      "false,200,\r\n"
      "mars.contoso.example:8443,mars.contoso.example,8443,10.0.0.5,,mars.contoso.example,private,\"vault, west\","
      "schannel,tls1.0,rejected,,,alert,40,handshake_failure,104,10054,0x80090326,,handshake,"
      "\"The message received was unexpected\r\nor badly formatted: «déjà»\",,,,,,7,3,3,,,\r\n"
      "nope.invalid,nope.invalid,443,,,,,,schannel,tls1.2,unreachable,,,dns,,,,11001,,,resolve,"
      "No such host is known.,,,,,,1,1,1,,,\r\n";
  CHECK(render_csv(rep) == expected);
}

TEST_CASE("render csv: every row has the header's 33 fields") {
  const std::string csv = render_csv(sample::mixed());
  CHECK(csv.rfind(header, 0) == 0);
  // Count fields outside quotes, row by row.
  std::vector<int> fields{1};
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ',') ++fields.back();
    else if (!quoted && c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      ++i;
      if (i + 1 < csv.size()) fields.push_back(1);
    }
  }
  CHECK(fields.size() == 21);  // header + 20 attempts
  for (int n : fields) CHECK(n == 33);
}
