#pragma once
// The .reg reader: bytes in, keys with their values out, or the line and reason it stopped.
// Pure: no file system, no Windows API; tlsprobe registry --file and the fuzzer both call it.
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "registry/reg_data.hpp"
#include "registry/reg_value.hpp"
#include "registry/text_decode.hpp"

namespace tlsprobe::registry {

// Limits that keep a hostile or mistaken input (a whole-hive export, a binary file) from
// taking unbounded memory: the keys tlsprobe reads export to a few hundred kilobytes.
inline constexpr std::size_t max_file_bytes = 32u * 1024 * 1024;
inline constexpr std::size_t max_line_bytes = 1024u * 1024;

// One [key] or [-key] line and the values under it, in file order. The same key may appear
// twice; RegSnapshot::apply merges them the way an import would.
struct RegKey {
  std::string path;  // normalized: root spelled out, the rest as written
  bool deleted = false;
  std::size_t line = 0;
  std::vector<RegValue> values;

  bool operator==(const RegKey& o) const { return path == o.path && deleted == o.deleted && values == o.values; }
};

struct RegDocument {
  RegFormat format = RegFormat::version5;
  TextEncoding encoding = TextEncoding::utf16le_bom;
  std::vector<RegKey> keys;
};

struct RegError {
  std::size_t line = 0;  // 1-based; 0 when it concerns the whole file
  std::string reason;
};

using RegParseResult = std::variant<RegDocument, RegError>;

RegParseResult parse_reg(std::span<const std::uint8_t> bytes);

// "Windows Registry Editor Version 5.00" or "REGEDIT4".
std::string_view header_text(RegFormat format);

// "FILE:LINE: reason", or "FILE: reason" for line 0.
std::string format_error(const std::string& file, const RegError& error);

// Reads and parses a file. Throws UsageError with format_error's text, or
// "cannot read registry export FILE: reason".
RegDocument load_reg_file(const std::string& path);

}  // namespace tlsprobe::registry
