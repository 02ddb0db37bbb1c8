#include "registry/reg_data.hpp"

#include <algorithm>
#include <span>

#include "registry/reg_value.hpp"
#include "registry/text_decode.hpp"

namespace tlsprobe::registry {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

std::size_t skip_blanks(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  return pos;
}

// Only blanks or a ';' comment may follow the data.
bool only_trailer(std::string_view text, std::size_t pos) {
  pos = skip_blanks(text, pos);
  return pos == text.size() || text[pos] == ';';
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t max = 24;
  return text.size() <= max ? std::string(text) : std::string(text.substr(0, max)) + "...";
}

DataError trailing_text(std::string_view text, std::size_t pos) {
  pos = skip_blanks(text, pos);
  return {pos, "unexpected text after the value: '" + excerpt(text.substr(pos)) + "'"};
}

std::variant<ParsedData, DataError> parse_dword(std::string_view text, std::size_t pos) {
  const std::size_t start = pos;
  std::uint32_t value = 0;
  while (pos < text.size() && hex_digit(text[pos]) >= 0) {
    if (pos - start == 8) return DataError{start, "dword takes at most 8 hex digits"};
    value = (value << 4) | static_cast<std::uint32_t>(hex_digit(text[pos]));
    ++pos;
  }
  if (pos == start) return DataError{start, "dword needs 1 to 8 hex digits after 'dword:'"};
  if (!only_trailer(text, pos)) return trailing_text(text, pos);
  ParsedData out;
  out.type = reg_dword;
  out.data = dword_value("", value).data;
  return out;
}

// "01,02, ab ,\0" : 1-2 hex digits per byte, blanks around them, a trailing comma tolerated.
std::variant<ParsedData, DataError> parse_hex_list(std::string_view text, std::size_t pos, std::uint32_t type) {
  ParsedData out;
  out.type = type;
  for (;;) {
    pos = skip_blanks(text, pos);
    if (pos == text.size() || text[pos] == ';') break;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ',' && text[pos] != ';' && !is_blank(text[pos])) ++pos;
    const std::string_view token = text.substr(start, pos - start);
    const bool ok = !token.empty() && token.size() <= 2 &&
                    std::all_of(token.begin(), token.end(), [](char c) { return hex_digit(c) >= 0; });
    if (!ok)
      return DataError{start, "bad hex byte '" + excerpt(token) + "' (expected two hex digits separated by commas)"};
    int byte = 0;
    for (const char c : token) byte = byte * 16 + hex_digit(c);
    out.data.push_back(static_cast<std::uint8_t>(byte));
    pos = skip_blanks(text, pos);
    if (pos == text.size() || text[pos] == ';') break;
    if (text[pos] != ',') return DataError{pos, "expected ',' between hex bytes, got '" + excerpt(text.substr(pos)) + "'"};
    ++pos;
  }
  return out;
}

}  // namespace

bool parse_quoted(std::string_view text, std::size_t& pos, std::string& out, std::string& error) {
  out.clear();
  std::size_t i = pos + 1;  // past the opening quote
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      pos = i + 1;
      return true;
    }
    if (c == '\\' && i + 1 < text.size()) {
      const char e = text[i + 1];
      switch (e) {
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        default: out += '\\'; out += e; break;
      }
      i += 2;
      continue;
    }
    out += c;
    ++i;
  }
  error = "unterminated string: no closing '\"'";
  return false;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out += c; break;
    }
  }
  return out + "\"";
}

std::variant<ParsedData, DataError> parse_data(std::string_view text, RegFormat format) {
  if (text.empty()) return DataError{0, "missing value data after '='"};
  if (text[0] == '-') {
    if (!only_trailer(text, 1)) return trailing_text(text, 1);
    ParsedData out;
    out.deleted = true;
    return out;
  }
  if (text[0] == '"') {
    std::size_t pos = 0;
    std::string value;
    std::string error;
    if (!parse_quoted(text, pos, value, error)) return DataError{0, error};
    if (!only_trailer(text, pos)) return trailing_text(text, pos);
    ParsedData out;
    out.type = reg_sz;
    out.data = string_value("", value).data;
    return out;
  }
  if (starts_with_nocase(text, "dword:")) return parse_dword(text, 6);
  if (starts_with_nocase(text, "hex:")) return parse_hex_list(text, 4, reg_binary);
  if (starts_with_nocase(text, "hex(")) {
    std::size_t pos = 4;
    std::uint32_t type = 0;
    const std::size_t start = pos;
    while (pos < text.size() && hex_digit(text[pos]) >= 0 && pos - start < 8)
      type = (type << 4) | static_cast<std::uint32_t>(hex_digit(text[pos++]));
    if (pos == start || text.substr(pos, 2) != "):")
      return DataError{0, "bad hex type: expected hex(N): with N a hex number of 1 to 8 digits"};
    auto parsed = parse_hex_list(text, pos + 2, type);
    auto* data = std::get_if<ParsedData>(&parsed);
    const bool ansi_text = type == reg_sz || type == reg_expand_sz || type == reg_multi_sz;
    if (data != nullptr && format == RegFormat::regedit4 && ansi_text)
      data->data = utf8_to_utf16le(windows1252_to_utf8(data->data));
    return parsed;
  }
  return DataError{0, "unknown value data '" + excerpt(text) +
                          "' (expected \"text\", dword:, hex:, hex(N): or - to delete)"};
}

}  // namespace tlsprobe::registry
