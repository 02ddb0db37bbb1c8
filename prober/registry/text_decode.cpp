#include "registry/text_decode.hpp"

#include <array>

namespace tlsprobe::registry {
namespace {

constexpr char32_t replacement = 0xFFFD;

void append_utf8(std::string& out, char32_t cp) {
  const auto byte = [&](std::uint32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6));
    byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  }
}

// One code point from UTF-8 at `pos`; U+FFFD with a one-byte advance and ok=false when the
// sequence is invalid (overlong, surrogate, beyond U+10FFFF, truncated).
char32_t next_utf8(std::string_view s, std::size_t& pos, bool& ok) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  ok = true;
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    ok = false;
    ++pos;
    return replacement;
  }
  if (pos + len > s.size()) {
    ok = false;
    ++pos;
    return replacement;
  }
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ok = false;
      ++pos;
      return replacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ok = false;
    ++pos;
    return replacement;
  }
  pos += len;
  return cp;
}

// Windows-1252 0x80..0x9F; the five holes map to the C1 control of the same number, as
// MultiByteToWideChar does, so every byte decodes to something.
constexpr std::array<char16_t, 32> cp1252_high{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

std::string_view to_string(TextEncoding e) {
  switch (e) {
    case TextEncoding::utf16le_bom: return "UTF-16LE with BOM";
    case TextEncoding::utf16le: return "UTF-16LE without BOM";
    case TextEncoding::utf8_bom: return "UTF-8 with BOM";
    case TextEncoding::utf8: return "UTF-8";
    case TextEncoding::windows1252: return "Windows-1252";
  }
  return "unknown";
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  bool ok = true;
  while (pos < text.size()) {
    next_utf8(text, pos, ok);
    if (!ok) return false;
  }
  return true;
}

std::string utf16le_to_utf8(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() / 2);
  const std::size_t units = bytes.size() / 2;
  const auto unit = [&](std::size_t i) -> char32_t { return bytes[2 * i] | (char32_t{bytes[2 * i + 1]} << 8); };
  for (std::size_t i = 0; i < units; ++i) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      const char32_t lo = unit(i + 1);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        ++i;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? replacement : u);
  }
  return out;
}

std::vector<std::uint8_t> utf8_to_utf16le(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 2);
  const auto put = [&](char32_t u) {
    out.push_back(static_cast<std::uint8_t>(u & 0xFF));
    out.push_back(static_cast<std::uint8_t>((u >> 8) & 0xFF));
  };
  std::size_t pos = 0;
  bool ok = true;
  while (pos < text.size()) {
    const char32_t cp = next_utf8(text, pos, ok);
    if (cp >= 0x10000) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

std::string windows1252_to_utf8(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const std::uint8_t b : bytes) {
    if (b >= 0x80 && b <= 0x9F)
      append_utf8(out, cp1252_high[b - 0x80]);
    else
      append_utf8(out, b);
  }
  return out;
}

DecodeResult decode_text(std::span<const std::uint8_t> bytes) {
  const auto starts = [&](std::initializer_list<std::uint8_t> prefix) {
    if (bytes.size() < prefix.size()) return false;
    std::size_t i = 0;
    for (const auto b : prefix)
      if (bytes[i++] != b) return false;
    return true;
  };
  const auto utf16 = [&](std::span<const std::uint8_t> body, TextEncoding e) -> DecodeResult {
    if (body.size() % 2 != 0)
      return DecodeError{0, "the file is UTF-16 but has an odd number of bytes (truncated?)"};
    return DecodedText{e, utf16le_to_utf8(body)};
  };
  if (starts({0xFF, 0xFE})) return utf16(bytes.subspan(2), TextEncoding::utf16le_bom);
  if (starts({0xFE, 0xFF}))
    return DecodeError{0, "the file is UTF-16 big-endian, which regedit never writes: save it as UTF-16LE or UTF-8"};
  if (starts({0xEF, 0xBB, 0xBF})) {
    const auto body = bytes.subspan(3);
    const std::string_view text(reinterpret_cast<const char*>(body.data()), body.size());
    if (!is_valid_utf8(text)) return DecodeError{0, "the file starts with a UTF-8 BOM but is not valid UTF-8"};
    return DecodedText{TextEncoding::utf8_bom, std::string(text)};
  }
  // An editor that dropped the BOM: "W\0i\0n\0" or "R\0E\0G\0".
  if (bytes.size() >= 2 && bytes[0] != 0 && bytes[1] == 0) return utf16(bytes, TextEncoding::utf16le);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (is_valid_utf8(text)) return DecodedText{TextEncoding::utf8, std::string(text)};
  return DecodedText{TextEncoding::windows1252, windows1252_to_utf8(bytes)};
}

}  // namespace tlsprobe::registry
