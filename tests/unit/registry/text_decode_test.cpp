#include "registry/text_decode.hpp"

#include <doctest/doctest.h>

#include <variant>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using testing::bytes_of;

DecodedText decoded(const std::vector<std::uint8_t>& bytes) {
  auto r = decode_text(bytes);
  REQUIRE(std::holds_alternative<DecodedText>(r));
  return std::get<DecodedText>(r);
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  auto r = decode_text(bytes);
  REQUIRE(std::holds_alternative<DecodeError>(r));
  return std::get<DecodeError>(r).reason;
}

TEST_CASE("UTF-16LE with a BOM, as reg export writes it") {
  const auto d = decoded(testing::utf16_with_bom("REGEDIT4\r\n\"Caf\xC3\xA9\""));
  CHECK(d.encoding == TextEncoding::utf16le_bom);
  CHECK(d.utf8 == "REGEDIT4\r\n\"Caf\xC3\xA9\"");
}

TEST_CASE("UTF-16LE whose BOM an editor dropped is still recognised") {
  const auto d = decoded({'W', 0, 'i', 0, 'n', 0});
  CHECK(d.encoding == TextEncoding::utf16le);
  CHECK(d.utf8 == "Win");
}

TEST_CASE("UTF-16 errors: odd length, big-endian") {
  CHECK(error_of({0xFF, 0xFE, 'A', 0, 'B'}) == "the file is UTF-16 but has an odd number of bytes (truncated?)");
  CHECK(error_of({0xFE, 0xFF, 0, 'A'}) ==
        "the file is UTF-16 big-endian, which regedit never writes: save it as UTF-16LE or UTF-8");
}

TEST_CASE("UTF-8 with and without a BOM") {
  auto d = decoded(bytes_of("\xEF\xBB\xBFREGEDIT4 \xE2\x82\xAC"));
  CHECK(d.encoding == TextEncoding::utf8_bom);
  CHECK(d.utf8 == "REGEDIT4 \xE2\x82\xAC");
  d = decoded(bytes_of("REGEDIT4 \xC3\xA9"));
  CHECK(d.encoding == TextEncoding::utf8);
  CHECK(d.utf8 == "REGEDIT4 \xC3\xA9");
  CHECK(error_of(bytes_of("\xEF\xBB\xBF\xE9t\xE9")) == "the file starts with a UTF-8 BOM but is not valid UTF-8");
}

TEST_CASE("bytes that are not UTF-8 are Windows-1252, the ANSI code page of REGEDIT4 files") {
  // é, the euro sign at 0x80, and 0x81 (a hole in 1252 that Windows maps to U+0081).
  const auto d = decoded(bytes_of("caf\xE9 \x80 \x81 \x9F"));
  CHECK(d.encoding == TextEncoding::windows1252);
  CHECK(d.utf8 == "caf\xC3\xA9 \xE2\x82\xAC \xC2\x81 \xC5\xB8");
}

TEST_CASE("UTF-16 surrogates: pairs decode, lone halves become U+FFFD") {
  // U+1F600 as D83D DE00, then a lone high surrogate, then a lone low one.
  const std::vector<std::uint8_t> units{0x3D, 0xD8, 0x00, 0xDE, 0x3D, 0xD8, 'x', 0, 0x00, 0xDE};
  CHECK(utf16le_to_utf8(units) == "\xF0\x9F\x98\x80\xEF\xBF\xBDx\xEF\xBF\xBD");
  CHECK(utf8_to_utf16le("\xF0\x9F\x98\x80") == std::vector<std::uint8_t>{0x3D, 0xD8, 0x00, 0xDE});
}

TEST_CASE("invalid UTF-8 becomes U+FFFD when encoding UTF-16") {
  CHECK(utf8_to_utf16le("a\xFF" "b") == std::vector<std::uint8_t>{'a', 0, 0xFD, 0xFF, 'b', 0});
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));      // overlong NUL
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate in UTF-8
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));      // truncated
  CHECK(is_valid_utf8("plain \xC3\xA9 \xF0\x9F\x98\x80"));
}

TEST_CASE("encoding names for the report") {
  CHECK(to_string(TextEncoding::utf16le_bom) == "UTF-16LE with BOM");
  CHECK(to_string(TextEncoding::utf16le) == "UTF-16LE without BOM");
  CHECK(to_string(TextEncoding::utf8_bom) == "UTF-8 with BOM");
  CHECK(to_string(TextEncoding::utf8) == "UTF-8");
  CHECK(to_string(TextEncoding::windows1252) == "Windows-1252");
}

}  // namespace
}  // namespace tlsprobe::registry
