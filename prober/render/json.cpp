#include "render/json.hpp"

#include <cstdio>

#include "core/native_codes.hpp"
#include "render/describe.hpp"
#include "wire/cipher_names.hpp"
#include "wire/tls_names.hpp"

namespace tlsprobe {
namespace {

using json = nlohmann::ordered_json;

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

template <typename T>
json number_or_null(const std::optional<T>& n) {
  return n ? json(*n) : json(nullptr);
}

json version_or_null(const std::optional<Version>& v) {
  return v ? json(std::string(token(*v))) : json(nullptr);
}

json error_to_json(const ErrorInfo& e) {
  json j;
  j["class"] = std::string(to_string(e.cls));
  j["alert"] = number_or_null(e.alert);
  j["alert_name"] = e.alert ? json(std::string(alert_name(*e.alert))) : json(nullptr);
  j["errno"] = number_or_null(e.posix_errno);
  j["winsock"] = number_or_null(e.winsock);
  j["sec_status"] = e.sec_status ? json(sec_status_hex(*e.sec_status)) : json(nullptr);
  j["offered"] = version_or_null(e.offered);
  j["phase"] = std::string(to_string(e.phase));
  j["message"] = e.message;
  return j;
}

json chain_entry_to_json(const ChainCertificate& c) {
  json j;
  j["subject"] = c.subject;
  j["issuer"] = c.issuer;
  j["serial"] = text_or_null(c.serial);
  j["not_before"] = text_or_null(c.not_before);
  j["not_after"] = text_or_null(c.not_after);
  j["key_type"] = text_or_null(c.key_type);
  j["key_bits"] = c.key_bits > 0 ? json(c.key_bits) : json(nullptr);
  j["key_curve"] = text_or_null(c.key_curve);
  j["san_dns"] = c.san_dns;
  j["san_ip"] = c.san_ip;
  j["self_signed"] = c.self_signed;
  return j;
}

json certificate_to_json(const CertificateSummary& c) {
  json j;
  j["subject"] = c.subject;
  j["issuer"] = c.issuer;
  j["not_after"] = text_or_null(c.not_after);
  j["verified"] = c.verified;
  j["verify_error"] = c.verified ? json(nullptr) : json(c.verify_error);
  j["hostname_matches"] = c.hostname_matches ? json(*c.hostname_matches) : json(nullptr);
  j["chain"] = json::array();
  for (const auto& entry : c.chain) j["chain"].push_back(chain_entry_to_json(entry));
  return j;
}

json http_to_json(const HttpCheck& h) {
  json j;
  j["path"] = h.path;
  j["status"] = number_or_null(h.status);
  j["status_line"] = text_or_null(h.status_line);
  j["elapsed_ms"] = h.elapsed.count();
  j["error"] = h.error ? error_to_json(*h.error) : json(nullptr);
  return j;
}

template <typename Name>
json names(const std::vector<std::uint16_t>& values, Name name) {
  json a = json::array();
  for (const auto v : values) a.push_back(name(v));
  return a;
}

json client_hello_to_json(const ClientHelloInfo& h) {
  json j;
  j["size"] = h.size;
  j["record_version"] = h.record_version ? json(version_hex(*h.record_version)) : json(nullptr);
  j["legacy_version"] = version_hex(h.legacy_version);
  j["supported_versions"] = names(h.supported_versions, wire::version_number_name);
  j["cipher_suites"] = names(h.cipher_suites, [](std::uint16_t v) {
    return is_grease(v) ? std::string("grease") : wire::cipher_name(v);
  });
  j["extensions"] = names(h.extensions, wire::extension_name);
  j["server_name"] = text_or_null(one_line(h.server_name));
  j["supported_groups"] = names(h.supported_groups, wire::group_name);
  j["key_share_groups"] = names(h.key_share_groups, wire::group_name);
  j["signature_algorithms"] = names(h.signature_algorithms, wire::signature_scheme_name);
  j["ec_point_formats"] = h.ec_point_formats;
  j["alpn"] = json::array();
  for (const auto& a : h.alpn) j["alpn"].push_back(one_line(a));
  j["ja3"] = h.ja3;
  j["ja3_hash"] = h.ja3_hash;
  j["ja4"] = h.ja4;
  j["ja4_r"] = h.ja4_r;
  return j;
}

}  // namespace

json attempt_to_json(const AttemptResult& r) {
  const Outcome& o = r.outcome;
  json j;
  j["endpoint"] = r.target.label;
  j["host"] = r.target.host;
  j["port"] = r.target.port;
  j["address"] = text_or_null(r.address);
  j["proxy"] = text_or_null(r.proxy);
  j["sni"] = text_or_null(r.sni);
  j["cloud"] = text_or_null(r.target.cloud);
  j["group"] = text_or_null(r.target.group);
  j["backend"] = r.backend;
  j["version"] = std::string(token(r.version));
  j["status"] = std::string(to_string(o.status));
  j["negotiated"] = version_or_null(o.negotiated);
  j["cipher"] = text_or_null(o.cipher);
  j["error"] = o.status == Status::accepted ? json(nullptr) : error_to_json(o.error);
  j["certificate"] = o.certificate ? certificate_to_json(*o.certificate) : json(nullptr);
  j["http"] = o.http ? http_to_json(*o.http) : json(nullptr);
  j["client_hello"] = o.client_hello ? client_hello_to_json(*o.client_hello) : json(nullptr);
  j["elapsed_ms"] = r.elapsed.count();
  j["attempts"] = r.attempts;
  j["failed_attempts"] = r.failed_attempts;
  j["connect_shared"] = r.connect_shared;
  return j;
}

json report_to_json(const Report& report) {
  json doc;
  doc["tool"] = "tlsprobe";
  doc["version"] = report.tool_version;
  doc["started"] = iso8601_utc(report.started);
  doc["duration_ms"] = report.duration.count();
  doc["versions"] = json::array();
  for (Version v : report.versions) doc["versions"].push_back(std::string(token(v)));
  doc["backends"] = report.backends;
  doc["results"] = json::array();
  for (const auto& r : report.results) doc["results"].push_back(attempt_to_json(r));
  const Summary s = summarize(report);
  doc["summary"] = {{"endpoints", s.endpoints},     {"addresses", s.addresses}, {"attempts", s.attempts},
                    {"accepted", s.accepted},       {"rejected", s.rejected},   {"unreachable", s.unreachable},
                    {"unsupported", s.unsupported}, {"errors", s.errors}};
  return doc;
}

std::string dump_json(const json& doc) {
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_json(const Report& report) { return dump_json(report_to_json(report)); }

std::string render_json(const Report& report, const json& extra) {
  json doc = report_to_json(report);
  if (extra.is_object())
    for (const auto& [key, value] : extra.items()) doc[key] = value;
  return dump_json(doc);
}

nlohmann::ordered_json disagreements_to_json(const std::vector<Disagreement>& disagreements) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& d : disagreements) {
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::object();
    for (const auto& [backend, status] : d.outcomes) outcomes[backend] = to_string(status);
    out.push_back({{"endpoint", d.endpoint},
                   {"address", d.address.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.address)},
                   {"version", token(d.version)},
                   {"outcomes", std::move(outcomes)}});
  }
  return out;
}

nlohmann::ordered_json certificate_findings_to_json(const std::vector<CertificateFinding>& findings) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& f : findings)
    out.push_back({{"id", f.id},
                   {"severity", to_string(f.severity)},
                   {"endpoint", f.endpoint},
                   {"address", text_or_null(f.address)},
                   {"backend", f.backend},
                   {"message", f.message}});
  return out;
}

}  // namespace tlsprobe
