#include "registry/reg_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <span>

#include "registry/reg_data.hpp"
#include "registry/text_decode.hpp"

namespace tlsprobe::registry {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::size_t wrap_column = 80;  // regedit keeps exported lines within 80 columns

// REG_SZ data a quoted string reproduces byte for byte: UTF-16 that survives a round trip
// through UTF-8, one terminating NUL and no other.
bool quotable(const RegValue& v) {
  const auto& d = v.data;
  if (v.type != reg_sz || d.size() < 2 || d.size() % 2 != 0) return false;
  if (d[d.size() - 1] != 0 || d[d.size() - 2] != 0) return false;
  for (std::size_t i = 0; i + 2 < d.size(); i += 2)
    if (d[i] == 0 && d[i + 1] == 0) return false;
  const std::span<const std::uint8_t> body(d.data(), d.size() - 2);
  const auto back = utf8_to_utf16le(utf16le_to_utf8(body));
  return std::equal(back.begin(), back.end(), body.begin(), body.end());
}

std::string hex_lines(std::string line, const std::vector<std::uint8_t>& data) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::string item{digits[data[i] >> 4], digits[data[i] & 0xF]};
    if (i + 1 < data.size()) item += ',';
    if (line.size() + item.size() + 1 > wrap_column) {
      out += line + "\\" + std::string(crlf);
      line = "  ";
    }
    line += item;
  }
  return out + line;
}

}  // namespace

std::string key_line(const RegKey& key) { return (key.deleted ? "[-" : "[") + key.path + "]"; }

std::string value_lines(const RegValue& v) {
  const std::string name = v.name.empty() ? "@" : quote(v.name);
  if (v.deleted) return name + "=-";
  if (const auto d = as_dword(v)) return name + "=" + dword_text(*d);
  if (quotable(v)) return name + "=" + quote(*as_string(v));
  if (v.type == reg_binary) return hex_lines(name + "=hex:", v.data);
  char type[24];
  std::snprintf(type, sizeof type, "=hex(%x):", v.type);
  return hex_lines(name + type, v.data);
}

std::string write_reg_text(const RegDocument& doc) {
  std::string out(header_text(RegFormat::version5));
  out += crlf;
  for (const auto& k : doc.keys) {
    out += std::string(crlf) + key_line(k) + std::string(crlf);
    for (const auto& v : k.values) out += value_lines(v) + std::string(crlf);
  }
  return out + std::string(crlf);
}

std::vector<std::uint8_t> utf16le_file_bytes(std::string_view text) {
  std::vector<std::uint8_t> out{0xFF, 0xFE};
  const auto body = utf8_to_utf16le(text);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace tlsprobe::registry
