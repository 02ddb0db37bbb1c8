#ifdef _WIN32
#include "registry/live_registry.hpp"

#include <memory>
#include <type_traits>

#include <windows.h>

#include <string>
#include <vector>

#include "registry/cipher_settings.hpp"
#include "registry/key_path.hpp"
#include "registry/protocol_keys.hpp"
#include "registry/text_decode.hpp"

namespace tlsprobe::registry {
namespace {

struct Wanted {
  std::string key;  // normalized, as an export spells it
  std::vector<std::string> values;
};

std::vector<Wanted> wanted_keys() {
  std::vector<Wanted> out;
  for (const auto v : all_versions) out.push_back({schannel_client_key(v), {"Enabled", "DisabledByDefault"}});
  for (const auto view : all_views) {
    out.push_back({dotnet_key(view), {"SystemDefaultTlsVersions", "SchUseStrongCrypto"}});
    out.push_back({winhttp_key(view), {"DefaultSecureProtocols"}});
  }
  out.push_back({std::string(os_version_key), {"CurrentBuildNumber", "CurrentBuild"}});
  for (const auto key : {ssl_policy_key, ssl_local_key}) out.push_back({std::string(key), {"Functions", "EccCurves"}});
  return out;
}

std::wstring wide(std::string_view utf8) {
  const auto bytes = utf8_to_utf16le(utf8);
  std::wstring out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
    out += static_cast<wchar_t>(bytes[i] | (bytes[i + 1] << 8));
  return out;
}

// "HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\X" -> ("SOFTWARE\X", 32-bit view).
std::pair<std::wstring, REGSAM> subkey_and_view(const std::string& key) {
  constexpr std::string_view root = "HKEY_LOCAL_MACHINE\\";
  std::string sub = key.substr(root.size());
  const std::string marker = "\\wow6432node\\";
  const auto at = fold(sub).find(marker);
  if (at == std::string::npos) return {wide(sub), KEY_WOW64_64KEY};
  sub.erase(at, marker.size() - 1);
  return {wide(sub), KEY_WOW64_32KEY};
}

void read_values(HKEY key, const Wanted& w, RegSnapshot& out) {
  for (const auto& name : w.values) {
    const std::wstring wname = wide(name);
    DWORD type = 0;
    DWORD size = 0;
    if (RegQueryValueExW(key, wname.c_str(), nullptr, &type, nullptr, &size) != ERROR_SUCCESS) continue;
    std::vector<BYTE> data(size);
    // The value may grow between the two calls; a second failure just leaves it unread.
    if (RegQueryValueExW(key, wname.c_str(), nullptr, &type, data.data(), &size) != ERROR_SUCCESS) continue;
    data.resize(size);
    RegValue v;
    v.name = name;
    v.type = type;
    v.data.assign(data.begin(), data.end());
    out.set_value(w.key, std::move(v));
  }
}

// SCHANNEL\Ciphers, Hashes and KeyExchangeAlgorithms: every subkey, whatever its name
// ("AES 128/128" has a '/' that is part of the name, not a separator).
std::vector<Wanted> algorithm_keys_present() {
  std::vector<Wanted> out;
  for (const std::string_view kind : {"Ciphers", "Hashes", "KeyExchangeAlgorithms"}) {
    const std::string parent = std::string(schannel_key) + "\\" + std::string(kind);
    const auto [sub, view] = subkey_and_view(parent);
    HKEY raw = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, sub.c_str(), 0, KEY_ENUMERATE_SUB_KEYS | view, &raw) != ERROR_SUCCESS)
      continue;
    const std::unique_ptr<std::remove_pointer_t<HKEY>, decltype(&RegCloseKey)> key(raw, &RegCloseKey);
    for (DWORD i = 0;; ++i) {
      wchar_t name[256];
      DWORD length = 256;
      if (RegEnumKeyExW(key.get(), i, name, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
      std::string utf8;
      for (DWORD k = 0; k < length; ++k) utf8 += name[k] < 0x80 ? static_cast<char>(name[k]) : '?';
      out.push_back({parent + "\\" + utf8, {"Enabled"}});
    }
  }
  return out;
}

}  // namespace

RegSnapshot read_live_registry() {
  RegSnapshot out;
  auto wanted = wanted_keys();
  for (auto& w : algorithm_keys_present()) wanted.push_back(std::move(w));
  for (const auto& w : wanted) {
    const auto [sub, view] = subkey_and_view(w.key);
    HKEY raw = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, sub.c_str(), 0, KEY_QUERY_VALUE | view, &raw) != ERROR_SUCCESS) continue;
    // Closed on every path out, a throwing read_values included.
    const std::unique_ptr<std::remove_pointer_t<HKEY>, decltype(&RegCloseKey)> key(raw, &RegCloseKey);
    out.add_key(w.key);
    read_values(key.get(), w, out);
  }
  return out;
}

std::optional<OsBuild> live_os_build() {
  using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  if (ntdll == nullptr) return std::nullopt;
  const FARPROC proc = GetProcAddress(ntdll, "RtlGetVersion");
  if (proc == nullptr) return std::nullopt;
  // Through void(*)(): the one function pointer type GCC lets any other convert to quietly.
  const auto rtl_get_version = reinterpret_cast<RtlGetVersionFn>(reinterpret_cast<void (*)()>(proc));
  OSVERSIONINFOW info{};
  info.dwOSVersionInfoSize = sizeof info;
  if (rtl_get_version(&info) != 0) return std::nullopt;
  return OsBuild{info.dwBuildNumber, "RtlGetVersion"};
}

}  // namespace tlsprobe::registry
#endif
