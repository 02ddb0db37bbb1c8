#pragma once
// One registry value as Windows stores it: a type number and the raw bytes. Strings are kept as
// the UTF-16LE bytes RegQueryValueExW returns, so a value read from a .reg file and one read
// from the live registry compare equal.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsprobe::registry {

// winnt.h REG_* type numbers; .reg files write the others as hex(N).
inline constexpr std::uint32_t reg_none = 0;
inline constexpr std::uint32_t reg_sz = 1;
inline constexpr std::uint32_t reg_expand_sz = 2;
inline constexpr std::uint32_t reg_binary = 3;
inline constexpr std::uint32_t reg_dword = 4;
inline constexpr std::uint32_t reg_dword_big_endian = 5;
inline constexpr std::uint32_t reg_multi_sz = 7;
inline constexpr std::uint32_t reg_qword = 11;

struct RegValue {
  std::string name;  // UTF-8; "" is the key's default value, written '@'
  std::uint32_t type = reg_none;
  std::vector<std::uint8_t> data;
  bool deleted = false;   // "Name"=- : remove the value on import
  std::size_t line = 0;   // where a .reg file set it; 0 for the live registry

  bool operator==(const RegValue& o) const {
    return name == o.name && type == o.type && data == o.data && deleted == o.deleted;
  }
};

RegValue dword_value(std::string name, std::uint32_t value);
RegValue string_value(std::string name, std::string_view utf8, std::uint32_t type = reg_sz);
// REG_MULTI_SZ: each string NUL-terminated, then the empty string that ends the list.
RegValue multi_string_value(std::string name, const std::vector<std::string>& utf8);

// A REG_DWORD of exactly four bytes; SChannel, .NET and WinHTTP read nothing else, so a
// REG_SZ "1" (a common hand-edit mistake) is not a DWORD here either.
std::optional<std::uint32_t> as_dword(const RegValue& v);
std::optional<std::uint64_t> as_qword(const RegValue& v);
// REG_SZ / REG_EXPAND_SZ as UTF-8, up to the first NUL.
std::optional<std::string> as_string(const RegValue& v);
// REG_MULTI_SZ as UTF-8 strings, the terminating empty string dropped.
std::optional<std::vector<std::string>> as_multi_string(const RegValue& v);

// "REG_DWORD", "REG_SZ" ... "type 0x42" for numbers winnt.h does not name.
std::string type_name(std::uint32_t type);

// The data as a .reg line writes it after '=' when short: dword:00000001, "text", hex:01,02
// (the latter cut at 16 bytes with "..."). For tables and messages, not for writing files.
std::string describe_data(const RegValue& v);

// dword:0000000a — lowercase, eight digits, as regedit writes it.
std::string dword_text(std::uint32_t value);

}  // namespace tlsprobe::registry
