#include "registry/settings.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"

namespace tlsprobe::registry {
namespace {

using namespace testing;

Settings settings_of(const std::string& body, std::optional<OsBuild> os = std::nullopt) {
  return read_settings(snapshot_of(std::string(v5) + body), os);
}

const SchannelClient& tls12(const Settings& s) { return s.client(Version::tls1_2); }

TEST_CASE("SChannel client state from Enabled and DisabledByDefault") {
  struct Row {
    std::string values;
    ClientState state;
    Offer offer;
    std::string source;
  };
  const Row rows[] = {
      {"\"Enabled\"=dword:00000000\r\n", ClientState::disabled, Offer::no, "Enabled=dword:00000000"},
      {"\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000000\r\n", ClientState::disabled, Offer::no,
       "Enabled=dword:00000000, DisabledByDefault=dword:00000000"},
      {"\"DisabledByDefault\"=dword:00000001\r\n", ClientState::disabled_by_default, Offer::if_asked,
       "DisabledByDefault=dword:00000001"},
      {"\"Enabled\"=dword:ffffffff\r\n\"DisabledByDefault\"=dword:00000002\r\n", ClientState::disabled_by_default,
       Offer::if_asked, "Enabled=dword:ffffffff, DisabledByDefault=dword:00000002"},
      {"\"DisabledByDefault\"=dword:00000000\r\n", ClientState::enabled, Offer::yes, "DisabledByDefault=dword:00000000"},
      // 0xffffffff is what IIS Crypto and many guides write for "on".
      {"\"Enabled\"=dword:ffffffff\r\n", ClientState::enabled, Offer::if_asked, "Enabled=dword:ffffffff"},
      {"", ClientState::os_default, Offer::unknown, ""},
      {"\"Enabled\"=\"0\"\r\n", ClientState::os_default, Offer::unknown, "Enabled=\"0\" (REG_SZ) ignored: not a DWORD"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.values);
    const Settings s = settings_of(client_section("TLS 1.2", r.values));
    CHECK(tls12(s).state == r.state);
    CHECK(tls12(s).offer == r.offer);
    CHECK(tls12(s).source() == r.source);
    CHECK(tls12(s).key == std::string(tls12_client));
  }
}

TEST_CASE("the OS build decides what an unset DisabledByDefault means") {
  const std::string enabled_only = client_section("TLS 1.2", "\"Enabled\"=dword:00000001\r\n");
  CHECK(tls12(settings_of(enabled_only, OsBuild{7601, "test"})).offer == Offer::if_asked);
  CHECK(tls12(settings_of(enabled_only, OsBuild{9600, "test"})).offer == Offer::yes);
  CHECK(tls12(settings_of("", OsBuild{7601, "test"})).offer == Offer::if_asked);
  CHECK(tls12(settings_of("", OsBuild{17763, "test"})).offer == Offer::yes);
  CHECK(settings_of("", OsBuild{17763, "test"}).client(Version::tls1_3).offer == Offer::no);
}

TEST_CASE("each protocol reads its own Client key") {
  const Settings s = settings_of(client_section("SSL 3.0", "\"Enabled\"=dword:00000000\r\n") +
                                 client_section("TLS 1.0", "\"Enabled\"=dword:00000000\r\n") +
                                 client_section("TLS 1.3", "\"DisabledByDefault\"=dword:00000001\r\n") +
                                 section("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\"
                                         "TLS 1.1\\Server",
                                         "\"Enabled\"=dword:00000000\r\n"));
  CHECK(s.client(Version::ssl3_0).state == ClientState::disabled);
  CHECK(s.client(Version::tls1_0).state == ClientState::disabled);
  CHECK(s.client(Version::tls1_1).state == ClientState::os_default);  // Server keys do not count
  CHECK(s.client(Version::tls1_2).state == ClientState::os_default);
  CHECK(s.client(Version::tls1_3).state == ClientState::disabled_by_default);
  CHECK(to_string(ClientState::disabled_by_default) == "disabled_by_default");
}

TEST_CASE(".NET 4.x: only the value 1 switches either setting on") {
  struct Row {
    std::string values;
    DotnetResult result;
  };
  const Row rows[] = {
      {dotnet_good, DotnetResult::system_default},
      {"\"SystemDefaultTlsVersions\"=dword:00000001\r\n", DotnetResult::system_default},
      {"\"SchUseStrongCrypto\"=dword:00000001\r\n", DotnetResult::strong_crypto},
      {"\"SystemDefaultTlsVersions\"=dword:00000002\r\n\"SchUseStrongCrypto\"=dword:00000002\r\n", DotnetResult::legacy},
      {"\"SystemDefaultTlsVersions\"=\"1\"\r\n", DotnetResult::legacy},
      {"", DotnetResult::legacy},
  };
  for (const auto& r : rows) {
    CAPTURE(r.values);
    const Settings s = settings_of(dotnet_section(true, r.values));
    CHECK(s.dotnet[1].result == r.result);
    CHECK(s.dotnet[1].key_present);
    CHECK(s.dotnet[1].view == View::x86);
    CHECK(s.dotnet[0].result == DotnetResult::legacy);
    CHECK_FALSE(s.dotnet[0].key_present);
  }
  CHECK(describe(DotnetResult::strong_crypto) == "TLS 1.0, 1.1 and 1.2");
  CHECK(to_string(DotnetResult::system_default) == "system_default");
}

TEST_CASE("WinHTTP: the mask decoded, and what SChannel's Enabled=0 takes away") {
  const Settings s = settings_of(winhttp_section(false, "\"DefaultSecureProtocols\"=dword:00000a80\r\n") +
                                 client_section("TLS 1.2", "\"Enabled\"=dword:00000000\r\n") +
                                 client_section("TLS 1.1", "\"DisabledByDefault\"=dword:00000001\r\n"));
  REQUIRE(s.winhttp[0].protocols);
  CHECK(*s.winhttp[0].protocols == std::vector<std::string>{"tls1.0", "tls1.1", "tls1.2"});
  CHECK(s.winhttp[0].blocked_by_schannel == std::vector<Version>{Version::tls1_2});
  CHECK_FALSE(s.winhttp[1].protocols);
  CHECK(s.winhttp[1].default_secure_protocols.describe() == "DefaultSecureProtocols not set");
}

TEST_CASE("the OS build an export carries, and the one the caller knows better") {
  CHECK_FALSE(settings_of("").os);
  auto s = settings_of(os_section("7601"));
  REQUIRE(s.os);
  CHECK(s.os->build == 7601u);
  CHECK(s.os->source == "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion CurrentBuildNumber");
  s = settings_of(os_section("7601"), OsBuild{20348, "RtlGetVersion"});
  CHECK(s.os->build == 20348u);
  CHECK(s.os->source == "RtlGetVersion");
  s = settings_of(section("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                          "\"CurrentBuildNumber\"=\"x\"\r\n\"CurrentBuild\"=\"9600\"\r\n"));
  REQUIRE(s.os);
  CHECK(s.os->build == 9600u);
  CHECK(s.os->source == "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion CurrentBuild");
  CHECK_FALSE(settings_of(section("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                                  "\"CurrentBuildNumber\"=dword:00001db1\r\n"))
                  .os);
}

}  // namespace
}  // namespace tlsprobe::registry
