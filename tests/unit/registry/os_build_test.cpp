#include "registry/os_build.hpp"

#include <doctest/doctest.h>

namespace tlsprobe::registry {
namespace {

TEST_CASE("build numbers name their Windows family") {
  CHECK(os_name(3790) == "Windows older than Vista / Server 2008");
  CHECK(os_name(6001) == "Windows Vista / Server 2008 before SP2");
  CHECK(os_name(6002) == "Windows Vista / Server 2008 SP2");
  CHECK(os_name(6003) == "Windows Vista / Server 2008 SP2");
  CHECK(os_name(7600) == "Windows 7 / Server 2008 R2 before SP1");
  CHECK(os_name(7601) == "Windows 7 / Server 2008 R2 SP1");
  CHECK(os_name(9200) == "Windows 8 / Server 2012");
  CHECK(os_name(9600) == "Windows 8.1 / Server 2012 R2");
  CHECK(os_name(14393) == "Windows 10 / Server 2016 / Server 2019");
  CHECK(os_name(20348) == "Windows Server 2022");
  CHECK(os_name(26100) == "Windows 11 / Server 2025 or later");
}

TEST_CASE("the KB a too-old Windows needs: build in, finding out") {
  const auto f3790 = os_update_finding(3790);
  REQUIRE(f3790);
  CHECK(f3790->id == "os.tls1_2_unsupported");
  CHECK(f3790->severity == Severity::error);
  CHECK(f3790->protocol == Version::tls1_2);
  CHECK(f3790->message ==
        "this Windows (build 3790, Windows older than Vista / Server 2008) has no TLS 1.2 in SChannel: Azure Backup "
        "cannot connect once Azure refuses TLS 1.0");
  CHECK(f3790->changes.empty());

  for (const std::uint32_t build : {6002u, 6003u}) {
    const auto f = os_update_finding(build);
    REQUIRE(f);
    CHECK(f->id == "os.kb4019276");
    CHECK(f->severity == Severity::warning);
    CHECK(f->advice == "Install KB4019276 (https://support.microsoft.com/help/4019276), apply the registry fix, restart.");
  }
  const auto f7600 = os_update_finding(7600);
  REQUIRE(f7600);
  CHECK(f7600->id == "os.kb3140245");
  CHECK(f7600->advice.starts_with("Install Service Pack 1, then KB3140245"));
  for (const std::uint32_t build : {7601u, 9200u}) {
    const auto f = os_update_finding(build);
    REQUIRE(f);
    CHECK(f->id == "os.kb3140245");
    CHECK(f->severity == Severity::warning);
    CHECK(f->message == "this Windows (build " + std::to_string(build) + ", " + std::string(os_name(build)) +
                            ") lets WinHTTP use TLS 1.2 by default only with update KB3140245 and DefaultSecureProtocols");
    CHECK(f->advice == "Install KB3140245 (https://support.microsoft.com/help/3140245), apply the registry fix, restart.");
  }
  CHECK_FALSE(os_update_finding(9600));
  CHECK_FALSE(os_update_finding(20348));
}

TEST_CASE("what SChannel offers with no registry keys, per build") {
  CHECK(os_default_offer(Version::tls1_2, std::nullopt) == Offer::unknown);
  CHECK(os_default_offer(Version::tls1_2, 3790) == Offer::no);
  CHECK(os_default_offer(Version::tls1_2, 6002) == Offer::unknown);
  CHECK(os_default_offer(Version::tls1_2, 7601) == Offer::if_asked);
  CHECK(os_default_offer(Version::tls1_2, 9200) == Offer::yes);
  CHECK(os_default_offer(Version::tls1_2, 26100) == Offer::yes);
  CHECK(os_default_offer(Version::tls1_1, 26100) == Offer::unknown);
  CHECK(os_default_offer(Version::tls1_0, 7601) == Offer::yes);
  CHECK(os_default_offer(Version::tls1_0, 22000) == Offer::unknown);
  CHECK(os_default_offer(Version::tls1_3, 19045) == Offer::no);
  CHECK(os_default_offer(Version::tls1_3, 20348) == Offer::yes);
  CHECK(os_default_offer(Version::ssl3_0, 9600) == Offer::unknown);
  CHECK(schannel_offers_tls1_2_by_default(9200));
  CHECK_FALSE(schannel_offers_tls1_2_by_default(7601));
  CHECK(winhttp_default_includes_tls1_2(9600));
  CHECK_FALSE(winhttp_default_includes_tls1_2(9200));
  CHECK(to_string(Offer::if_asked) == "if_asked");
}

TEST_CASE("CurrentBuildNumber text") {
  CHECK(parse_build_number("7601") == 7601u);
  CHECK(parse_build_number("") == std::nullopt);
  CHECK(parse_build_number("76a1") == std::nullopt);
  CHECK(parse_build_number("1234567890") == std::nullopt);
}

}  // namespace
}  // namespace tlsprobe::registry
