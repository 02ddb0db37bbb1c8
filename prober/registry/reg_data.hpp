#pragma once
// The right-hand side of a .reg value line: "text", dword:, hex:, hex(N):, or - (delete).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tlsprobe::registry {

// REGEDIT4 files are ANSI: their hex(1)/hex(2)/hex(7) bytes are 8-bit characters, where
// "Windows Registry Editor Version 5.00" files hold UTF-16LE.
enum class RegFormat { version5, regedit4 };

struct ParsedData {
  bool deleted = false;
  std::uint32_t type = 0;
  std::vector<std::uint8_t> data;
};

struct DataError {
  std::size_t offset = 0;  // into the text given, so a continued hex list names its own line
  std::string reason;
};

// `text` starts right after '=' and whitespace; continuation lines are already joined (the
// trailing '\' removed). Trailing blanks and a ';' comment after the data are allowed.
std::variant<ParsedData, DataError> parse_data(std::string_view text, RegFormat format);

// A quoted string at text[pos] == '"'. Escapes as regedit and Wine read them: \\ \" and
// Wine's \n \r \0; any other backslash stays as written (regedit keeps "C:\temp" as is).
// On success pos is just past the closing quote; on failure `error` says why.
bool parse_quoted(std::string_view text, std::size_t& pos, std::string& out, std::string& error);

// The inverse of parse_quoted, quotes included.
std::string quote(std::string_view text);

}  // namespace tlsprobe::registry
