#include "core/version.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/errors.hpp"

namespace tlsprobe {
namespace {

struct VersionRow {
  Version version;
  std::string_view token;
  std::string_view label;
  std::string_view display;
  std::uint16_t wire;
};

constexpr std::array<VersionRow, 5> rows{{
    {Version::ssl3_0, "ssl3.0", "SSL3", "SSL 3.0", 0x0300},
    {Version::tls1_0, "tls1.0", "1.0", "TLS 1.0", 0x0301},
    {Version::tls1_1, "tls1.1", "1.1", "TLS 1.1", 0x0302},
    {Version::tls1_2, "tls1.2", "1.2", "TLS 1.2", 0x0303},
    {Version::tls1_3, "tls1.3", "1.3", "TLS 1.3", 0x0304},
}};

const VersionRow& row(Version v) { return rows[static_cast<std::size_t>(v)]; }

std::string squash(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '.' || c == '_' || c == '-' || c == ' ' || c == 'v' || c == 'V') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string_view token(Version v) { return row(v).token; }
std::string_view short_label(Version v) { return row(v).label; }
std::string_view display_name(Version v) { return row(v).display; }
std::uint16_t wire_version(Version v) { return row(v).wire; }

std::optional<Version> from_wire(std::uint16_t wire) {
  for (const auto& r : rows)
    if (r.wire == wire) return r.version;
  return std::nullopt;
}

std::optional<Version> parse_version(std::string_view text) {
  // "TLSv1.2", "tls1.2", "tls12", "1.2" and "ssl3" all name the same thing.
  const std::string s = squash(text);
  static constexpr std::array<std::pair<std::string_view, Version>, 11> names{{
      {"ssl30", Version::ssl3_0}, {"ssl3", Version::ssl3_0},  {"tls10", Version::tls1_0},
      {"tls1", Version::tls1_0},  {"tls11", Version::tls1_1}, {"tls12", Version::tls1_2},
      {"tls13", Version::tls1_3}, {"10", Version::tls1_0},    {"11", Version::tls1_1},
      {"12", Version::tls1_2},    {"13", Version::tls1_3},
  }};
  for (const auto& [name, v] : names)
    if (s == name) return v;
  return std::nullopt;
}

std::vector<Version> parse_version_list(std::string_view text) {
  std::vector<Version> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!item.empty()) {
      const auto v = parse_version(item);
      if (!v)
        throw UsageError("unknown protocol version '" + std::string(item) +
                         "' (expected one of ssl3.0, tls1.0, tls1.1, tls1.2, tls1.3)");
      if (std::find(out.begin(), out.end(), *v) == out.end()) out.push_back(*v);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.empty()) throw UsageError("empty protocol version list");
  return out;
}

}  // namespace tlsprobe
