#include "registry/key_path.hpp"

#include <array>

namespace tlsprobe::registry {
namespace {

struct Root {
  std::string_view full;
  std::string_view abbreviation;
};

constexpr std::array<Root, 5> roots{{
    {"HKEY_LOCAL_MACHINE", "HKLM"},
    {"HKEY_CURRENT_USER", "HKCU"},
    {"HKEY_CLASSES_ROOT", "HKCR"},
    {"HKEY_USERS", "HKU"},
    {"HKEY_CURRENT_CONFIG", "HKCC"},
}};

}  // namespace

std::string fold(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

NormalizedPath normalize_key_path(std::string_view text) {
  const auto sep = text.find('\\');
  const std::string_view root = text.substr(0, sep);
  const Root* found = nullptr;
  for (const auto& r : roots)
    if (fold(root) == fold(r.full) || fold(root) == fold(r.abbreviation)) found = &r;
  if (found == nullptr)
    return {{}, "unknown root key '" + std::string(root) +
                    "' (expected HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, "
                    "HKEY_CURRENT_CONFIG or HKLM, HKCU, HKCR, HKU, HKCC)"};
  std::string out(found->full);
  if (sep == std::string_view::npos) return {out, {}};
  const std::string_view rest = text.substr(sep + 1);
  std::size_t start = 0;
  for (;;) {
    const auto next = rest.find('\\', start);
    const auto name = rest.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start);
    if (name.empty()) return {{}, "empty key name in '" + std::string(text) + "' (a doubled or trailing '\\')"};
    out += '\\';
    out += name;
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return {out, {}};
}

std::string short_key_path(std::string_view normalized) {
  for (const auto& r : roots) {
    if (normalized.substr(0, r.full.size()) == r.full &&
        (normalized.size() == r.full.size() || normalized[r.full.size()] == '\\'))
      return std::string(r.abbreviation) + std::string(normalized.substr(r.full.size()));
  }
  return std::string(normalized);
}

bool is_same_or_below(std::string_view key, std::string_view parent) {
  const std::string k = fold(key);
  const std::string p = fold(parent);
  return k == p || (k.size() > p.size() && k.compare(0, p.size(), p) == 0 && k[p.size()] == '\\');
}

}  // namespace tlsprobe::registry
