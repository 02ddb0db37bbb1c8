// Golden .reg inputs: each written here byte for byte the way a Windows tool writes it.
#include "registry/reg_file.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using testing::parse_ok;
using testing::utf16_with_bom;
using Bytes = std::vector<std::uint8_t>;

Bytes utf16z(std::string_view utf8) {  // a REG_SZ as Windows stores it: UTF-16LE plus NUL
  auto out = utf8_to_utf16le(utf8);
  out.insert(out.end(), {0, 0});
  return out;
}

// What `reg export HKLM\...\SCHANNEL\Protocols` writes on Windows Server 2016, plus the other
// value types an export of a wider key carries.
constexpr std::string_view reg_export =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols]\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client]\r\n"
    "\"Enabled\"=dword:ffffffff\r\n"
    "\"DisabledByDefault\"=dword:00000000\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Example]\r\n"
    "@=\"default \\\"quoted\\\" C:\\\\path\"\r\n"
    "\"Big\"=hex(b):00,01,02,03,04,05,06,07\r\n"
    "\"Path\"=hex(2):25,00,53,00,59,00,53,00,54,00,45,00,4d,00,52,00,4f,00,4f,00,54,00,\\\r\n"
    "  25,00,00,00\r\n"
    "\"List\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
    "\"Blob\"=hex:de,ad,be,ef\r\n"
    "\"Caf\xC3\xA9\"=\"\xE2\x82\xAC\"\r\n"
    "\r\n";

TEST_CASE("a reg export in UTF-16LE with a BOM: every value type") {
  const RegDocument doc = parse_ok(utf16_with_bom(reg_export));
  CHECK(doc.format == RegFormat::version5);
  CHECK(doc.encoding == TextEncoding::utf16le_bom);
  REQUIRE(doc.keys.size() == 3);
  CHECK(doc.keys[0].path == "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols");
  CHECK(doc.keys[0].values.empty());
  CHECK(doc.keys[1].line == 5);
  REQUIRE(doc.keys[1].values.size() == 2);
  CHECK(as_dword(doc.keys[1].values[0]) == 0xFFFFFFFFu);
  CHECK(doc.keys[1].values[1].name == "DisabledByDefault");
  CHECK(doc.keys[1].values[1].line == 7);
  const auto& v = doc.keys[2].values;
  REQUIRE(v.size() == 6);
  CHECK(v[0].name.empty());
  CHECK(as_string(v[0]) == "default \"quoted\" C:\\path");
  CHECK(as_qword(v[1]) == 0x0706050403020100u);
  CHECK(v[2].type == reg_expand_sz);
  CHECK(as_string(v[2]) == "%SYSTEMROOT%");
  CHECK(v[2].line == 12);
  CHECK(as_multi_string(v[3]) == std::vector<std::string>{"a", "b"});
  CHECK(v[4].type == reg_binary);
  CHECK(v[4].data == Bytes{0xde, 0xad, 0xbe, 0xef});
  CHECK(v[5].name == "Caf\xC3\xA9");
  CHECK(v[5].data == utf16z("\xE2\x82\xAC"));
}

TEST_CASE("the same export as UTF-8 with and without a BOM gives the same keys") {
  const RegDocument utf16 = parse_ok(utf16_with_bom(reg_export));
  const RegDocument plain = parse_ok(reg_export);
  CHECK(plain.encoding == TextEncoding::utf8);
  CHECK(plain.keys == utf16.keys);
  const RegDocument bom = parse_ok("\xEF\xBB\xBF" + std::string(reg_export));
  CHECK(bom.encoding == TextEncoding::utf8_bom);
  CHECK(bom.keys == utf16.keys);
}

TEST_CASE("REGEDIT4 in ANSI: Windows-1252 text and 8-bit hex(2) strings") {
  // 0xE9 is é in Windows-1252; REGEDIT4 hex(2) holds one byte per character.
  const std::string text =
      "REGEDIT4\r\n\r\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\xE9]\r\n"
      "\"Name\"=\"r\xE9sum\xE9\"\r\n"
      "\"Expand\"=hex(2):25,54,45,4d,50,25,5c,e9,00\r\n"
      "\"Count\"=dword:0000000A\r\n";
  const RegDocument doc = parse_ok(text);
  CHECK(doc.format == RegFormat::regedit4);
  CHECK(doc.encoding == TextEncoding::windows1252);
  REQUIRE(doc.keys.size() == 1);
  CHECK(doc.keys[0].path == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\xC3\xA9");
  REQUIRE(doc.keys[0].values.size() == 3);
  CHECK(as_string(doc.keys[0].values[0]) == "r\xC3\xA9sum\xC3\xA9");
  CHECK(doc.keys[0].values[1].data == utf16z("%TEMP%\\\xC3\xA9"));
  CHECK(as_dword(doc.keys[0].values[2]) == 10u);
}

TEST_CASE("CRLF, LF and a lone CR all end lines, and line numbers count each") {
  const RegDocument doc = parse_ok(
      "Windows Registry Editor Version 5.00\n\r\n"
      "[HKLM\\SOFTWARE\\A]\r"
      "\"One\"=dword:1\n"
      "\"Two\"=hex:01,\\\r\n"
      "  02\n");
  REQUIRE(doc.keys.size() == 1);
  CHECK(doc.keys[0].line == 3);
  REQUIRE(doc.keys[0].values.size() == 2);
  CHECK(doc.keys[0].values[0].line == 4);
  CHECK(doc.keys[0].values[1].line == 5);
  CHECK(doc.keys[0].values[1].data == Bytes{1, 2});
}

TEST_CASE("hex lists: continuations, case, one-digit bytes, blanks, a trailing comma, empty") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[HKLM\\SOFTWARE\\A]\r\n"
                                   "\"Wrapped\"=hex:01,02,\\\r\n"
                                   "    03,\\\r\n"
                                   "\t04\r\n"
                                   "\"Upper\"=HEX(B):FF,0,0,0,0,0,0,0\r\n"
                                   "\"Spaced\"=hex: 0a , 0b ,\r\n"
                                   "\"Empty\"=hex:\r\n"
                                   "\"None\"=hex(0):\r\n"
                                   "\"Odd\"=hex(100):01 ; a comment after the data\r\n");
  const auto& v = doc.keys.at(0).values;
  REQUIRE(v.size() == 6);
  CHECK(v[0].data == Bytes{1, 2, 3, 4});
  CHECK(as_qword(v[1]) == 0xFFu);
  CHECK(v[2].data == Bytes{0x0a, 0x0b});
  CHECK(v[3].type == reg_binary);
  CHECK(v[3].data.empty());
  CHECK(v[4].type == reg_none);
  CHECK(v[5].type == 0x100u);
  CHECK(v[5].data == Bytes{1});
}

TEST_CASE("dword: one to eight digits, either case, a comment after it") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[HKLM\\SOFTWARE\\A]\r\n"
                                   "\"A\"=dword:1\r\n"
                                   "\"B\"=DWORD:0000000A   ; ten\r\n"
                                   "\"C\"=dword:FFFFFFFF\r\n"
                                   "\"D\"=hex(4):01,00,00,00\r\n");
  const auto& v = doc.keys.at(0).values;
  CHECK(as_dword(v.at(0)) == 1u);
  CHECK(as_dword(v.at(1)) == 10u);
  CHECK(as_dword(v.at(2)) == 0xFFFFFFFFu);
  CHECK(as_dword(v.at(3)) == 1u);  // hex(4) is REG_DWORD spelled as bytes
}

TEST_CASE("deleted keys and deleted values are kept as such") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]\r\n\r\n"
                                   "[HKLM\\SOFTWARE\\Kept]\r\n"
                                   "\"Old\"=-\r\n"
                                   "@=-\r\n");
  REQUIRE(doc.keys.size() == 2);
  CHECK(doc.keys[0].deleted);
  CHECK(doc.keys[0].path == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone");
  CHECK_FALSE(doc.keys[1].deleted);
  REQUIRE(doc.keys[1].values.size() == 2);
  CHECK(doc.keys[1].values[0].deleted);
  CHECK(doc.keys[1].values[1].deleted);
  CHECK(doc.keys[1].values[1].name.empty());
}

TEST_CASE("root names: the short forms are spelled out, any case; the rest stays as written") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[hklm\\Software\\A]\r\n[HKCU\\x]\r\n[HKCR]\r\n[hku\\.DEFAULT]\r\n"
                                   "[HKCC\\System]\r\n[hkey_local_machine\\SOFTWARE]\r\n");
  REQUIRE(doc.keys.size() == 6);
  CHECK(doc.keys[0].path == "HKEY_LOCAL_MACHINE\\Software\\A");
  CHECK(doc.keys[1].path == "HKEY_CURRENT_USER\\x");
  CHECK(doc.keys[2].path == "HKEY_CLASSES_ROOT");
  CHECK(doc.keys[3].path == "HKEY_USERS\\.DEFAULT");
  CHECK(doc.keys[4].path == "HKEY_CURRENT_CONFIG\\System");
  CHECK(doc.keys[5].path == "HKEY_LOCAL_MACHINE\\SOFTWARE");
}

TEST_CASE("as pasted from Microsoft's Azure Backup TLS page: indented values, blanks around '='") {
  const RegDocument doc = parse_ok(
      "Windows Registry Editor Version 5.00\r\n\r\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\r\n"
      "    \"SystemDefaultTlsVersions\"=dword:00000001\r\n"
      "    \"SchUseStrongCrypto\" = dword:00000001\r\n");
  const auto& v = doc.keys.at(0).values;
  REQUIRE(v.size() == 2);
  CHECK(v[1].name == "SchUseStrongCrypto");
  CHECK(as_dword(v[1]) == 1u);
}

TEST_CASE("quoted names and strings: escapes as regedit and Wine read them") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[HKLM\\SOFTWARE\\A]\r\n"
                                   "\"a\\\"b\\\\c\"=\"x\"\r\n"
                                   "\"Unescaped\"=\"C:\\temp\"\r\n"
                                   "\"Wine\"=\"one\\ntwo\\r\\0end\"\r\n"
                                   "\"Eq=in;name\"=\"semi;colon\" ; comment\r\n");
  const auto& v = doc.keys.at(0).values;
  REQUIRE(v.size() == 4);
  CHECK(v[0].name == "a\"b\\c");
  CHECK(as_string(v[1]) == "C:\\temp");  // an unknown escape keeps its backslash
  CHECK(v[2].data == utf16z(std::string("one\ntwo\r\0end", 12)));
  CHECK(v[3].name == "Eq=in;name");
  CHECK(as_string(v[3]) == "semi;colon");
}

TEST_CASE("key names may contain ']': the last one closes the line") {
  const RegDocument doc = parse_ok(std::string(testing::v5) + "[HKLM\\SOFTWARE\\a]b]  ; note\r\n");
  CHECK(doc.keys.at(0).path == "HKEY_LOCAL_MACHINE\\SOFTWARE\\a]b");
}

TEST_CASE("comments, blank lines, blank lines before the header, REGEDIT4 in any case") {
  const RegDocument doc = parse_ok("\r\n\r\nregedit4\r\n; a comment\r\n  ; indented\r\n\r\n[HKLM\\A]\r\n");
  CHECK(doc.format == RegFormat::regedit4);
  CHECK(doc.keys.size() == 1);
  CHECK(parse_ok("REGEDIT4").keys.empty());
}

TEST_CASE("the same key twice stays two entries; a value set twice stays twice (import order)") {
  const RegDocument doc = parse_ok(std::string(testing::v5) +
                                   "[HKLM\\A]\r\n\"V\"=dword:1\r\n\"V\"=dword:2\r\n[hklm\\a]\r\n\"W\"=dword:3\r\n");
  REQUIRE(doc.keys.size() == 2);
  CHECK(doc.keys[0].values.size() == 2);
}

TEST_CASE("describe_data and type names for tables") {
  const RegDocument doc = parse_ok(utf16_with_bom(reg_export));
  const auto& v = doc.keys.at(2).values;
  CHECK(describe_data(doc.keys[1].values[0]) == "dword:ffffffff");
  CHECK(describe_data(v[0]) == "\"default \"quoted\" C:\\path\"");
  CHECK(describe_data(v[1]) == "hex(b):00,01,02,03,04,05,06,07");
  CHECK(describe_data(v[2]) == "hex(2) \"%SYSTEMROOT%\"");
  CHECK(describe_data(v[4]) == "hex:de,ad,be,ef");
  RegValue big;
  big.type = reg_binary;
  big.data.assign(20, 0xAB);
  CHECK(describe_data(big) == "hex:ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,ab,...");
  CHECK(type_name(reg_dword) == "REG_DWORD");
  CHECK(type_name(reg_qword) == "REG_QWORD");
  CHECK(type_name(0x42) == "type 0x42");
  CHECK(as_dword(string_value("x", "1")) == std::nullopt);
  CHECK(header_text(RegFormat::regedit4) == "REGEDIT4");
}

}  // namespace
}  // namespace tlsprobe::registry
