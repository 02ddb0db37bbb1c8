#pragma once
// Bytes of a .reg file to UTF-8 text. Exports come in three encodings: `reg export` and
// regedit write UTF-16LE with a BOM; REGEDIT4 files and hand-written ones are ANSI
// (Windows-1252 on Western systems) or, from modern editors, UTF-8 with or without a BOM.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tlsprobe::registry {

enum class TextEncoding { utf16le_bom, utf16le, utf8_bom, utf8, windows1252 };

// "UTF-16LE with BOM", "UTF-8", "Windows-1252" ...
std::string_view to_string(TextEncoding e);

struct DecodedText {
  TextEncoding encoding = TextEncoding::utf8;
  std::string utf8;
};

struct DecodeError {
  std::size_t line = 0;  // 1-based; 0 names the whole file
  std::string reason;
};

using DecodeResult = std::variant<DecodedText, DecodeError>;

// Picks the encoding from the BOM; without one, UTF-16LE when the second byte is 0 (an editor
// that dropped the BOM), UTF-8 when the bytes are valid UTF-8, else Windows-1252. A Windows-1252
// text with accented letters is practically never valid UTF-8, so the guess is safe.
// A NUL character or a UTF-16 file with an odd byte count is an error (not a text file).
DecodeResult decode_text(std::span<const std::uint8_t> bytes);

bool is_valid_utf8(std::string_view text);
// Unpaired surrogates become U+FFFD: registry names can hold them, and they must not abort a read.
std::string utf16le_to_utf8(std::span<const std::uint8_t> bytes);
// Invalid UTF-8 becomes U+FFFD.
std::vector<std::uint8_t> utf8_to_utf16le(std::string_view text);
std::string windows1252_to_utf8(std::span<const std::uint8_t> bytes);

}  // namespace tlsprobe::registry
