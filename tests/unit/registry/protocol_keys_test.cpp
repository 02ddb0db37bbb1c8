#include "registry/protocol_keys.hpp"

#include <doctest/doctest.h>

#include "backends/schannel/version_map.hpp"

namespace tlsprobe::registry {
namespace {

TEST_CASE("every version has its SChannel key name, id part and WinHTTP bit") {
  CHECK(schannel_protocol_name(Version::ssl3_0) == "SSL 3.0");
  CHECK(schannel_protocol_name(Version::tls1_0) == "TLS 1.0");
  CHECK(schannel_protocol_name(Version::tls1_1) == "TLS 1.1");
  CHECK(schannel_protocol_name(Version::tls1_2) == "TLS 1.2");
  CHECK(schannel_protocol_name(Version::tls1_3) == "TLS 1.3");
  CHECK(id_part(Version::ssl3_0) == "ssl3_0");
  CHECK(id_part(Version::tls1_2) == "tls1_2");
  CHECK(winhttp_bit(Version::ssl3_0) == 0x20u);
  CHECK(winhttp_bit(Version::tls1_0) == 0x80u);
  CHECK(winhttp_bit(Version::tls1_1) == 0x200u);
  CHECK(winhttp_bit(Version::tls1_2) == 0x800u);
  CHECK(winhttp_bit(Version::tls1_3) == 0x2000u);
}

TEST_CASE("the registry names agree with the SChannel backend's table, and its bits with WinHTTP's") {
  for (const auto v : all_versions) {
    CHECK(schannel_protocol_name(v) == schannel::registry_protocol(v));
    CHECK(winhttp_bit(v) == schannel::client_bit(v));
  }
}

TEST_CASE("key paths") {
  CHECK(schannel_client_key(Version::tls1_2) ==
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client");
  CHECK(dotnet_key(View::x64) == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319");
  CHECK(dotnet_key(View::x86) == "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319");
  CHECK(winhttp_key(View::x64) ==
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp");
  CHECK(winhttp_key(View::x86) ==
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp");
  CHECK(to_string(View::x86) == "x86");
  CHECK(display_name(View::x64) == "64-bit");
}

TEST_CASE("DefaultSecureProtocols masks decode lowest bit first, SSL 2.0 included") {
  CHECK(decode_winhttp_mask(0xA80) == std::vector<std::string>{"tls1.0", "tls1.1", "tls1.2"});
  CHECK(decode_winhttp_mask(0x800) == std::vector<std::string>{"tls1.2"});
  CHECK(decode_winhttp_mask(0x2AA8) ==
        std::vector<std::string>{"ssl2.0", "ssl3.0", "tls1.0", "tls1.1", "tls1.2", "tls1.3"});
  CHECK(decode_winhttp_mask(0).empty());
  CHECK(unknown_winhttp_bits(0xA81) == 0x1u);
  CHECK(unknown_winhttp_bits(0x2AA8) == 0u);
}

}  // namespace
}  // namespace tlsprobe::registry
