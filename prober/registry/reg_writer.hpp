#pragma once
// Writing .reg text as regedit does: "Windows Registry Editor Version 5.00", CRLF, a blank line
// between keys, hex lists wrapped before column 80 with a trailing '\', and UTF-16LE with a
// BOM on disk. UTF-16LE with a BOM is what every regedit and `reg import` accepts; UTF-8 works
// on recent Windows only, and UTF-16 without a BOM is refused ("not a registry script").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/reg_file.hpp"

namespace tlsprobe::registry {

// "[HKEY_...]" or "[-HKEY_...]".
std::string key_line(const RegKey& key);
// "\"Name\"=dword:00000001" (CRLF-joined lines when a hex list wraps). Strings that a quoted
// form cannot carry exactly (embedded NULs, no terminator) are written as hex(1).
std::string value_lines(const RegValue& value);

// The whole document in Version 5.00 form (whatever format it was read from), CRLF line ends.
// parse_reg of the result gives back the same keys and values.
std::string write_reg_text(const RegDocument& doc);

// UTF-8 text to the bytes of a .reg file: BOM FF FE, then UTF-16LE.
std::vector<std::uint8_t> utf16le_file_bytes(std::string_view text);

}  // namespace tlsprobe::registry
