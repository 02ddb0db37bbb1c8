#include "registry/reg_value.hpp"

#include <array>
#include <cstdio>
#include <span>

#include "registry/text_decode.hpp"

namespace tlsprobe::registry {
namespace {

std::vector<std::uint8_t> nul_terminated_utf16(std::string_view utf8) {
  auto out = utf8_to_utf16le(utf8);
  out.push_back(0);
  out.push_back(0);
  return out;
}

// UTF-16 code units up to (not including) the first NUL unit at or after `from`.
std::size_t units_until_nul(std::span<const std::uint8_t> data, std::size_t from) {
  std::size_t i = from;
  while (i + 1 < data.size() && !(data[i] == 0 && data[i + 1] == 0)) i += 2;
  return i;
}

std::string hex_byte(std::uint8_t b) {
  static constexpr char digits[] = "0123456789abcdef";
  return {digits[b >> 4], digits[b & 0xF]};
}

}  // namespace

RegValue dword_value(std::string name, std::uint32_t value) {
  RegValue v;
  v.name = std::move(name);
  v.type = reg_dword;
  for (int i = 0; i < 4; ++i) v.data.push_back(static_cast<std::uint8_t>((value >> (8 * i)) & 0xFF));
  return v;
}

RegValue string_value(std::string name, std::string_view utf8, std::uint32_t type) {
  RegValue v;
  v.name = std::move(name);
  v.type = type;
  v.data = nul_terminated_utf16(utf8);
  return v;
}

RegValue multi_string_value(std::string name, const std::vector<std::string>& utf8) {
  RegValue v;
  v.name = std::move(name);
  v.type = reg_multi_sz;
  for (const auto& s : utf8) {
    const auto part = nul_terminated_utf16(s);
    v.data.insert(v.data.end(), part.begin(), part.end());
  }
  v.data.push_back(0);
  v.data.push_back(0);
  return v;
}

std::optional<std::uint32_t> as_dword(const RegValue& v) {
  if (v.deleted || v.type != reg_dword || v.data.size() != 4) return std::nullopt;
  std::uint32_t out = 0;
  for (int i = 3; i >= 0; --i) out = (out << 8) | v.data[static_cast<std::size_t>(i)];
  return out;
}

std::optional<std::uint64_t> as_qword(const RegValue& v) {
  if (v.deleted || v.type != reg_qword || v.data.size() != 8) return std::nullopt;
  std::uint64_t out = 0;
  for (int i = 7; i >= 0; --i) out = (out << 8) | v.data[static_cast<std::size_t>(i)];
  return out;
}

std::optional<std::string> as_string(const RegValue& v) {
  if (v.deleted || (v.type != reg_sz && v.type != reg_expand_sz)) return std::nullopt;
  const std::span<const std::uint8_t> data(v.data);
  return utf16le_to_utf8(data.first(units_until_nul(data, 0)));
}

std::optional<std::vector<std::string>> as_multi_string(const RegValue& v) {
  if (v.deleted || v.type != reg_multi_sz) return std::nullopt;
  const std::span<const std::uint8_t> data(v.data);
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos + 1 < data.size()) {
    const std::size_t end = units_until_nul(data, pos);
    if (end == pos) break;  // the empty string that ends the list
    out.push_back(utf16le_to_utf8(data.subspan(pos, end - pos)));
    pos = end + 2;
  }
  return out;
}

std::string type_name(std::uint32_t type) {
  static constexpr std::array<std::string_view, 12> names{
      "REG_NONE",      "REG_SZ",        "REG_EXPAND_SZ",
      "REG_BINARY",    "REG_DWORD",     "REG_DWORD_BIG_ENDIAN",
      "REG_LINK",      "REG_MULTI_SZ",  "REG_RESOURCE_LIST",
      "REG_FULL_RESOURCE_DESCRIPTOR", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"};
  if (type < names.size()) return std::string(names[type]);
  char buf[32];
  std::snprintf(buf, sizeof buf, "type 0x%x", type);
  return buf;
}

std::string dword_text(std::uint32_t value) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "dword:%08x", value);
  return buf;
}

std::string describe_data(const RegValue& v) {
  if (v.deleted) return "-";
  if (const auto d = as_dword(v)) return dword_text(*d);
  if (const auto s = as_string(v)) {
    const std::string quoted = "\"" + *s + "\"";
    return v.type == reg_sz ? quoted : "hex(2) " + quoted;
  }
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "hex(%x):", v.type);
  std::string out = v.type == reg_binary ? std::string("hex:") : std::string(prefix);
  constexpr std::size_t shown = 16;
  for (std::size_t i = 0; i < v.data.size() && i < shown; ++i) out += (i ? "," : "") + hex_byte(v.data[i]);
  if (v.data.size() > shown) out += ",...";
  return out;
}

}  // namespace tlsprobe::registry
