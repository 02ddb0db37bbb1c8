#include "registry/source.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/errors.hpp"
#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

namespace fs = std::filesystem;

TEST_CASE("read_registry applies the files in order, as importing them would") {
  const fs::path dir = fs::temp_directory_path() / ("tlsprobe-source-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(dir / name, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                     static_cast<std::streamsize>(bytes.size()));
    return (dir / name).string();
  };
  const auto first = write("export.reg", testing::utf16_with_bom(
                                             std::string(testing::v5) +
                                             testing::client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n")));
  const auto second = write("fix.reg", testing::bytes_of(std::string(testing::v5) +
                                                          testing::client_section("TLS 1.2", "\"Enabled\"=dword:00000001\r\n")));
  const RegistryReport one = read_registry({first});
  CHECK_FALSE(one.live);
  REQUIRE(one.files.size() == 1);
  CHECK(one.files[0].encoding == TextEncoding::utf16le_bom);
  CHECK(one.settings.client(Version::tls1_2).state == ClientState::disabled);
  CHECK(blocks_azure_backup(one.findings));
  CHECK(findings_for(one.findings, Version::tls1_2).size() == one.findings.size());
  CHECK(findings_for(one.findings, Version::tls1_0).empty());

  const RegistryReport both = read_registry({first, second});
  CHECK(both.files.size() == 2);
  CHECK(both.settings.client(Version::tls1_2).state == ClientState::enabled);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

#ifndef _WIN32
TEST_CASE("no file and no live registry: a usage error that says what to pass") {
  CHECK_THROWS_WITH_AS(read_registry({}), "no live registry on this platform: pass --file EXPORT.reg", UsageError);
}
#endif

}  // namespace
}  // namespace tlsprobe::registry
