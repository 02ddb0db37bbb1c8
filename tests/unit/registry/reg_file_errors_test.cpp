// Malformed input: every refusal names its line and reason exactly; nothing crashes.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/errors.hpp"
#include "reg_testing.hpp"
#include "registry/reg_file.hpp"

namespace tlsprobe::registry {
namespace {

using testing::error_text;

const std::string head(testing::v5);
const std::string key = head + "[HKLM\\SOFTWARE\\A]\r\n";

TEST_CASE("the header must come first") {
  CHECK(error_text("") ==
        "line 1: not a registry export: the first line must be 'Windows Registry Editor Version 5.00' or 'REGEDIT4'");
  CHECK(error_text("\r\n; comment\r\nREGEDIT4\r\n") ==
        "line 2: not a registry export: the first line must be 'Windows Registry Editor Version 5.00' or 'REGEDIT4'");
  CHECK(error_text("Windows Registry Editor Version 6.00\r\n") ==
        "line 1: not a registry export: the first line must be 'Windows Registry Editor Version 5.00' or 'REGEDIT4'");
}

TEST_CASE("key lines") {
  CHECK(error_text(head + "[HKLM\\SOFTWARE\\A\r\n") == "line 3: key line without a closing ']'");
  CHECK(error_text(head + "[HKLM\\A] trailing\r\n") == "line 3: unexpected text after the key's ']': 'trailing'");
  CHECK(error_text(head + "[HKEY_BOGUS\\A]\r\n") ==
        "line 3: unknown root key 'HKEY_BOGUS' (expected HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, "
        "HKEY_USERS, HKEY_CURRENT_CONFIG or HKLM, HKCU, HKCR, HKU, HKCC)");
  CHECK(error_text(head + "[]\r\n").starts_with("line 3: unknown root key ''"));
  CHECK(error_text(head + "[-]\r\n").starts_with("line 3: unknown root key ''"));
  CHECK(error_text(head + "[HKLM\\A\\\\B]\r\n") == "line 3: empty key name in 'HKLM\\A\\\\B' (a doubled or trailing '\\')");
  CHECK(error_text(head + "[HKLM\\A\\]\r\n") == "line 3: empty key name in 'HKLM\\A\\' (a doubled or trailing '\\')");
}

TEST_CASE("value lines") {
  CHECK(error_text(head + "\"V\"=dword:1\r\n") == "line 3: value outside a key: a [KEY] line must come first");
  CHECK(error_text(head + "[-HKLM\\A]\r\n\"V\"=dword:1\r\n") ==
        "line 4: value under the deleted key [-HKEY_LOCAL_MACHINE\\A]: a deleted key has no values");
  CHECK(error_text(key + "\"V\r\n") == "line 4: unterminated string: no closing '\"' in the value name");
  CHECK(error_text(key + "\"V\" dword:1\r\n") == "line 4: expected '=' after the value name");
  CHECK(error_text(key + "@\r\n") == "line 4: expected '=' after the value name");
  CHECK(error_text(key + "\"V\"=\r\n") == "line 4: missing value data after '='");
  CHECK(error_text(key + "Enabled=dword:1\r\n") ==
        "line 4: unexpected text 'Enabled=dword:1': expected [KEY], \"NAME\"=DATA, @=DATA or a ; comment");
}

TEST_CASE("value data") {
  CHECK(error_text(key + "\"V\"=dword:123456789\r\n") == "line 4: dword takes at most 8 hex digits");
  CHECK(error_text(key + "\"V\"=dword:\r\n") == "line 4: dword needs 1 to 8 hex digits after 'dword:'");
  CHECK(error_text(key + "\"V\"=dword:0x1\r\n") == "line 4: unexpected text after the value: 'x1'");
  CHECK(error_text(key + "\"V\"=\"abc\r\n") == "line 4: unterminated string: no closing '\"'");
  CHECK(error_text(key + "\"V\"=\"abc\" def\r\n") == "line 4: unexpected text after the value: 'def'");
  CHECK(error_text(key + "\"V\"=- x\r\n") == "line 4: unexpected text after the value: 'x'");
  CHECK(error_text(key + "\"V\"=qword:1\r\n") ==
        "line 4: unknown value data 'qword:1' (expected \"text\", dword:, hex:, hex(N): or - to delete)");
  CHECK(error_text(key + "\"V\"=hex(x):00\r\n") ==
        "line 4: bad hex type: expected hex(N): with N a hex number of 1 to 8 digits");
  CHECK(error_text(key + "\"V\"=hex(123456789):00\r\n") ==
        "line 4: bad hex type: expected hex(N): with N a hex number of 1 to 8 digits");
  CHECK(error_text(key + "\"V\"=hex:zz\r\n") ==
        "line 4: bad hex byte 'zz' (expected two hex digits separated by commas)");
  CHECK(error_text(key + "\"V\"=hex:123\r\n") ==
        "line 4: bad hex byte '123' (expected two hex digits separated by commas)");
  CHECK(error_text(key + "\"V\"=hex:01 02\r\n") == "line 4: expected ',' between hex bytes, got '02'");
  CHECK(error_text(key + "\"V\"=hex:01,,02\r\n") ==
        "line 4: bad hex byte '' (expected two hex digits separated by commas)");
}

TEST_CASE("an error inside a continued hex list names the physical line") {
  CHECK(error_text(key + "\"V\"=hex:01,\\\r\n  02,\\\r\n  0g\r\n") ==
        "line 6: bad hex byte '0g' (expected two hex digits separated by commas)");
  CHECK(error_text(key + "\"V\"=hex:01,\\\r\n") ==
        "line 4: the hex data continues ('\\' at the end of the line) past the end of the file");
}

TEST_CASE("binary input, oversized lines and files are refused with a clear reason") {
  CHECK(error_text(head + std::string("[HKLM\\A\0]\r\n", 11)) ==
        "line 3: NUL character in the text (is this a binary file?)");
  CHECK(error_text(key + "\"V\"=\"" + std::string(max_line_bytes, 'x') + "\"\r\n") ==
        "line 4: line longer than 1024 KiB");
  // Each line is within the limit, the hex list they continue is not.
  std::string bytes;
  for (int i = 0; i < 200 * 1024; ++i) bytes += "01,";
  CHECK(error_text(key + "\"V\"=hex:" + bytes + "\\\r\n" + bytes + "\\\r\n01\r\n") ==
        "line 5: hex data longer than 1024 KiB");
  const std::vector<std::uint8_t> huge(max_file_bytes + 1, 'x');
  const RegError e = testing::parse_error(huge);
  CHECK(e.line == 0);
  CHECK(e.reason == "the file is larger than 32 MiB: export only the SCHANNEL, .NETFramework and WinHttp keys");
}

TEST_CASE("format_error puts the file in front") {
  CHECK(format_error("x.reg", {4, "bad"}) == "x.reg:4: bad");
  CHECK(format_error("x.reg", {0, "too big"}) == "x.reg: too big");
}

TEST_CASE("load_reg_file: unreadable and malformed files become UsageError with the path") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tlsprobe-reg-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const auto missing = (dir / "missing.reg").string();
  CHECK_THROWS_WITH_AS(load_reg_file(missing), ("cannot read registry export " + missing + ": No such file or directory").c_str(),
                       UsageError);
  const auto bad = (dir / "bad.reg").string();
  std::ofstream(bad, std::ios::binary) << "REGEDIT4\r\n[HKLM\\A]\r\n\"V\"=dword:xyz\r\n";
  CHECK_THROWS_WITH_AS(load_reg_file(bad), (bad + ":3: dword needs 1 to 8 hex digits after 'dword:'").c_str(), UsageError);
  const auto good = (dir / "good.reg").string();
  std::ofstream(good, std::ios::binary) << "REGEDIT4\r\n[HKLM\\A]\r\n\"V\"=dword:1\r\n";
  CHECK(load_reg_file(good).keys.size() == 1);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace tlsprobe::registry
