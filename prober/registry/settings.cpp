#include "registry/settings.hpp"

#include "registry/key_path.hpp"

namespace tlsprobe::registry {
namespace {

DwordRead read_dword(const RegSnapshot& registry, const std::string& key, std::string name) {
  DwordRead out;
  out.name = std::move(name);
  const RegValue* v = registry.value(key, out.name);
  if (v == nullptr) return out;
  out.value = as_dword(*v);
  if (!out.value) out.ignored = describe_data(*v) + " (" + type_name(v->type) + ")";
  return out;
}

SchannelClient read_client(const RegSnapshot& registry, Version v, std::optional<std::uint32_t> build) {
  SchannelClient c;
  c.version = v;
  c.key = schannel_client_key(v);
  c.enabled = read_dword(registry, c.key, "Enabled");
  c.disabled_by_default = read_dword(registry, c.key, "DisabledByDefault");
  const auto& en = c.enabled.value;
  const auto& dbd = c.disabled_by_default.value;
  const Offer os_offer = os_default_offer(v, build);
  if (en && *en == 0) {
    c.state = ClientState::disabled;
    c.offer = Offer::no;
  } else if (dbd && *dbd != 0) {
    c.state = ClientState::disabled_by_default;
    c.offer = Offer::if_asked;
  } else if (dbd) {
    c.state = ClientState::enabled;
    c.offer = Offer::yes;
  } else if (en) {
    // Enabled without DisabledByDefault: available, but whether it is offered unasked is the
    // OS's DisabledByDefault (TLS 1.2 on Windows 7 is not).
    c.state = ClientState::enabled;
    c.offer = os_offer == Offer::yes ? Offer::yes : Offer::if_asked;
  } else {
    c.state = ClientState::os_default;
    c.offer = os_offer;
  }
  return c;
}

DotnetView read_dotnet(const RegSnapshot& registry, View view) {
  DotnetView d;
  d.view = view;
  d.key = dotnet_key(view);
  d.key_present = registry.has_key(d.key);
  d.system_default_tls_versions = read_dword(registry, d.key, "SystemDefaultTlsVersions");
  d.sch_use_strong_crypto = read_dword(registry, d.key, "SchUseStrongCrypto");
  if (d.system_default_tls_versions.value == 1u)
    d.result = DotnetResult::system_default;
  else if (d.sch_use_strong_crypto.value == 1u)
    d.result = DotnetResult::strong_crypto;
  else
    d.result = DotnetResult::legacy;
  return d;
}

WinHttpView read_winhttp(const RegSnapshot& registry, View view, const std::array<SchannelClient, 5>& schannel) {
  WinHttpView w;
  w.view = view;
  w.key = winhttp_key(view);
  w.default_secure_protocols = read_dword(registry, w.key, "DefaultSecureProtocols");
  if (const auto mask = w.default_secure_protocols.value) {
    w.protocols = decode_winhttp_mask(*mask);
    for (const auto v : all_versions)
      if ((*mask & winhttp_bit(v)) != 0 && schannel[static_cast<std::size_t>(v)].state == ClientState::disabled)
        w.blocked_by_schannel.push_back(v);
  }
  return w;
}

}  // namespace

std::string DwordRead::describe() const {
  if (value) return name + "=" + dword_text(*value);
  if (!ignored.empty()) return name + "=" + ignored + " ignored: not a DWORD";
  return name + " not set";
}

std::string_view to_string(ClientState s) {
  switch (s) {
    case ClientState::enabled: return "enabled";
    case ClientState::disabled: return "disabled";
    case ClientState::disabled_by_default: return "disabled_by_default";
    case ClientState::os_default: return "os_default";
  }
  return "os_default";
}

std::string SchannelClient::source() const {
  std::string out;
  for (const DwordRead* r : {&enabled, &disabled_by_default}) {
    if (!r->value && r->ignored.empty()) continue;
    if (!out.empty()) out += ", ";
    out += r->describe();
  }
  return out;
}

std::string_view to_string(DotnetResult r) {
  switch (r) {
    case DotnetResult::system_default: return "system_default";
    case DotnetResult::strong_crypto: return "strong_crypto";
    case DotnetResult::legacy: return "legacy";
  }
  return "legacy";
}

std::string_view describe(DotnetResult r) {
  switch (r) {
    case DotnetResult::system_default: return "the OS default (SChannel decides)";
    case DotnetResult::strong_crypto: return "TLS 1.0, 1.1 and 1.2";
    case DotnetResult::legacy: return "SSL 3.0 and TLS 1.0 only";
  }
  return "";
}

std::optional<OsBuild> os_build_from(const RegSnapshot& registry) {
  // CurrentBuildNumber is what every Windows since NT 4 keeps current; CurrentBuild is its twin.
  for (const char* name : {"CurrentBuildNumber", "CurrentBuild"}) {
    const RegValue* v = registry.value(os_version_key, name);
    if (v == nullptr) continue;
    const auto text = as_string(*v);
    if (!text) continue;
    if (const auto build = parse_build_number(*text))
      return OsBuild{*build, short_key_path(os_version_key) + " " + name};
  }
  return std::nullopt;
}

Settings read_settings(const RegSnapshot& registry, std::optional<OsBuild> os) {
  Settings s;
  s.os = os ? os : os_build_from(registry);
  const auto build = s.os ? std::optional<std::uint32_t>(s.os->build) : std::nullopt;
  for (const auto v : all_versions) s.schannel[static_cast<std::size_t>(v)] = read_client(registry, v, build);
  for (const auto view : all_views) {
    s.dotnet[static_cast<std::size_t>(view)] = read_dotnet(registry, view);
    s.winhttp[static_cast<std::size_t>(view)] = read_winhttp(registry, view, s.schannel);
  }
  s.ciphers = read_cipher_settings(registry, build);
  return s;
}

}  // namespace tlsprobe::registry
