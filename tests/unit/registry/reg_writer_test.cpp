#include "registry/reg_writer.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using testing::parse_ok;

TEST_CASE("values are written the way regedit writes them") {
  CHECK(value_lines(dword_value("Enabled", 1)) == "\"Enabled\"=dword:00000001");
  CHECK(value_lines(string_value("", "a \"b\" c:\\d")) == "@=\"a \\\"b\\\" c:\\\\d\"");
  RegValue deleted;
  deleted.name = "Old";
  deleted.deleted = true;
  CHECK(value_lines(deleted) == "\"Old\"=-");
  RegValue q;
  q.name = "Q";
  q.type = reg_qword;
  q.data = {1, 0, 0, 0, 0, 0, 0, 0};
  CHECK(value_lines(q) == "\"Q\"=hex(b):01,00,00,00,00,00,00,00");
  RegValue bin;
  bin.name = "B";
  bin.type = reg_binary;
  CHECK(value_lines(bin) == "\"B\"=hex:");
  // A REG_SZ without its terminating NUL cannot be quoted without changing it.
  RegValue raw = string_value("S", "ab");
  raw.data.resize(4);
  CHECK(value_lines(raw) == "\"S\"=hex(1):61,00,62,00");
  CHECK(key_line(RegKey{"HKEY_LOCAL_MACHINE\\A", true, 0, {}}) == "[-HKEY_LOCAL_MACHINE\\A]");
}

TEST_CASE("long hex lists wrap before column 80 with a trailing backslash") {
  RegValue v;
  v.name = "Path";
  v.type = reg_expand_sz;
  v.data.assign(40, 0x41);
  const std::string text = value_lines(v);
  CHECK(text ==
        "\"Path\"=hex(2):41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,\\\r\n"
        "  41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41,41");
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find("\r\n", start), text.size());
    CHECK(end - start <= 80);
    start = end + 2;
  }
}

TEST_CASE("a document written and read back gives the same keys, from any format") {
  const std::string regedit4 =
      "REGEDIT4\r\n\r\n[-HKLM\\SOFTWARE\\Gone]\r\n[HKLM\\SOFTWARE\\Caf\xE9]\r\n\"N\\\"ame\"=\"r\xE9sum\xE9\"\r\n"
      "@=dword:7\r\n\"E\"=hex(2):25,54,25,00\r\n\"M\"=hex(7):61,00,62,00,00\r\n\"Gone\"=-\r\n"
      "\"Long\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,16,17,18,19,1a,1b,1c,1d,1e,1f,20\r\n"
      "\"Nul\"=hex(1):61,00,00,00,62,00,00,00\r\n\"Lines\"=\"a\\nb\"\r\n";
  const RegDocument original = parse_ok(regedit4);
  const std::string written = write_reg_text(original);
  CHECK(written.starts_with("Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]\r\n"));
  const RegDocument again = parse_ok(utf16le_file_bytes(written));
  CHECK(again.format == RegFormat::version5);
  CHECK(again.encoding == TextEncoding::utf16le_bom);
  CHECK(again.keys == original.keys);
}

TEST_CASE("utf16le_file_bytes starts with the BOM") {
  CHECK(utf16le_file_bytes("A\r\n") == std::vector<std::uint8_t>{0xFF, 0xFE, 'A', 0, '\r', 0, '\n', 0});
}

}  // namespace
}  // namespace tlsprobe::registry
