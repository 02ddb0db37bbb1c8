#include "registry/cipher_settings.hpp"

#include <algorithm>

#include "registry/key_path.hpp"
#include "registry/suite_defaults.hpp"

namespace tlsprobe::registry {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

ListRead read_list(const RegSnapshot& registry, std::string_view key, std::string name) {
  ListRead out;
  out.key = std::string(key);
  out.name = std::move(name);
  const RegValue* v = registry.value(key, out.name);
  if (v == nullptr || v->deleted) return out;
  std::vector<std::string> entries;
  if (const auto text = as_string(*v)) {
    out.chars = text->size();  // the line as written: what the 1023-character limit counts
    std::size_t start = 0;
    while (start <= text->size()) {
      const auto end = std::min(text->find(',', start), text->size());
      if (auto e = trim(std::string_view(*text).substr(start, end - start)); !e.empty()) entries.push_back(std::move(e));
      start = end + 1;
    }
  } else if (const auto multi = as_multi_string(*v)) {
    for (const auto& m : *multi) {
      out.chars += m.size() + (out.chars == 0 ? 0 : 1);
      if (auto e = trim(m); !e.empty()) entries.push_back(std::move(e));
    }
  } else {
    out.ignored = type_name(v->type);
    return out;
  }
  out.entries = std::move(entries);
  return out;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

std::string_view to_string(ListSource s) {
  switch (s) {
    case ListSource::policy: return "policy";
    case ListSource::local: return "local";
    case ListSource::os_default: return "os_default";
    case ListSource::unknown: return "unknown";
  }
  return "unknown";
}

std::vector<std::pair<std::string_view, std::string_view>> algorithm_keys(std::string_view s) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  // https://learn.microsoft.com/troubleshoot/windows-server/windows-security/restrict-cryptographic-algorithms-protocols-schannel
  if (contains(s, "_AES_128_")) out.emplace_back("Ciphers", "AES 128/128");
  if (contains(s, "_AES_256_")) out.emplace_back("Ciphers", "AES 256/256");
  if (contains(s, "_3DES_EDE_")) out.emplace_back("Ciphers", "Triple DES 168");
  else if (contains(s, "_DES_CBC_") || contains(s, "_DES40_")) out.emplace_back("Ciphers", "DES 56/56");
  if (contains(s, "_RC4_128_")) out.emplace_back("Ciphers", "RC4 128/128");
  if (contains(s, "_RC4_56_")) out.emplace_back("Ciphers", "RC4 56/128");
  if (contains(s, "_RC4_40_")) out.emplace_back("Ciphers", "RC4 40/128");
  if (contains(s, "_WITH_NULL_")) out.emplace_back("Ciphers", "NULL");
  const bool aead = contains(s, "_GCM_") || contains(s, "_CCM") || contains(s, "_CHACHA20_");
  if (!aead) {
    if (s.ends_with("_SHA")) out.emplace_back("Hashes", "SHA");
    else if (s.ends_with("_SHA256")) out.emplace_back("Hashes", "SHA256");
    else if (s.ends_with("_SHA384")) out.emplace_back("Hashes", "SHA384");
    else if (s.ends_with("_MD5")) out.emplace_back("Hashes", "MD5");
  }
  if (s.starts_with("TLS_ECDHE_")) out.emplace_back("KeyExchangeAlgorithms", "ECDH");
  else if (s.starts_with("TLS_DHE_")) out.emplace_back("KeyExchangeAlgorithms", "Diffie-Hellman");
  else if (s.starts_with("TLS_RSA_")) out.emplace_back("KeyExchangeAlgorithms", "PKCS");
  return out;
}

std::optional<bool> offers_front_door_suite(const CipherSettings& c) {
  if (!c.known()) return std::nullopt;
  const auto wanted = front_door_tls1_2_2023_suites();
  return std::any_of(wanted.begin(), wanted.end(), [&](std::string_view w) {
    return std::find(c.offered.begin(), c.offered.end(), w) != c.offered.end();
  });
}

CipherSettings read_cipher_settings(const RegSnapshot& registry, std::optional<std::uint32_t> build) {
  CipherSettings c;
  c.policy_functions = read_list(registry, ssl_policy_key, "Functions");
  c.policy_curves = read_list(registry, ssl_policy_key, "EccCurves");
  c.local_functions = read_list(registry, ssl_local_key, "Functions");
  c.local_curves = read_list(registry, ssl_local_key, "EccCurves");
  for (const std::string_view kind : {"Ciphers", "Hashes", "KeyExchangeAlgorithms"}) {
    const std::string parent = std::string(schannel_key) + "\\" + std::string(kind);
    for (const auto& key : registry.subkeys(parent)) {
      const RegValue* v = registry.value(key, "Enabled");
      if (v == nullptr || as_dword(*v) != 0u) continue;
      c.off.push_back({key, std::string(kind), key.substr(parent.size() + 1)});
    }
  }

  const auto defaults = build ? suite_defaults(*build) : std::nullopt;
  if (c.policy_functions.entries) {
    c.source = ListSource::policy;
    c.listed = *c.policy_functions.entries;
  } else if (c.local_functions.entries) {
    c.source = ListSource::local;
    c.listed = *c.local_functions.entries;
  } else if (defaults) {
    c.source = ListSource::os_default;
    c.defaults_url = std::string(defaults->url);
    c.listed.assign(defaults->suites.begin(), defaults->suites.end());
  }
  for (const auto& name : c.listed) {
    const std::string iana(iana_suite_name(name));
    if (is_tls1_3_suite(iana) || std::find(c.offered.begin(), c.offered.end(), iana) != c.offered.end()) continue;
    const AlgorithmOff* by = nullptr;
    for (const auto& [kind, alg] : algorithm_keys(iana))
      for (const auto& off : c.off)
        if (by == nullptr && off.kind == kind && fold(off.name) == fold(alg)) by = &off;
    if (by != nullptr) {
      if (std::none_of(c.removed.begin(), c.removed.end(), [&](const RemovedSuite& r) { return r.suite == iana; }))
        c.removed.push_back({iana, by->key});
    } else {
      c.offered.push_back(iana);
    }
  }

  if (c.policy_curves.entries) {
    c.curves_source = ListSource::policy;
    c.curves = *c.policy_curves.entries;
  } else if (c.local_curves.entries) {
    c.curves_source = ListSource::local;
    c.curves = *c.local_curves.entries;
  } else if (defaults) {
    c.curves_source = ListSource::os_default;
    if (*build < first_build_with_ecdhe_rsa_gcm) {
      // Before Windows 10 the suffixes of the list in effect give the curves, in their order.
      for (const auto& name : c.listed)
        if (const auto curve = suffix_curve(name);
            !curve.empty() && std::find(c.curves.begin(), c.curves.end(), curve) == c.curves.end())
          c.curves.emplace_back(curve);
    } else {
      c.curves.assign(defaults->curves.begin(), defaults->curves.end());
    }
  }
  return c;
}

}  // namespace tlsprobe::registry
