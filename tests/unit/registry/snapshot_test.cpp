#include "registry/snapshot.hpp"

#include <doctest/doctest.h>

#include "reg_testing.hpp"
#include "registry/key_path.hpp"

namespace tlsprobe::registry {
namespace {

using testing::snapshot_of;

TEST_CASE("lookups ignore case in keys, root spellings and value names") {
  const RegSnapshot s = snapshot_of(std::string(testing::v5) + "[HKLM\\SOFTWARE\\Microsoft\\A]\r\n\"Enabled\"=dword:1\r\n");
  CHECK(s.has_key("HKEY_LOCAL_MACHINE\\software\\microsoft\\a"));
  CHECK(s.has_key("HKEY_LOCAL_MACHINE\\SOFTWARE"));  // parents exist once a child was imported
  CHECK_FALSE(s.has_key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Other"));
  REQUIRE(s.value("HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\A", "enabled") != nullptr);
  CHECK(as_dword(*s.value("HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\A", "ENABLED")) == 1u);
  CHECK(s.value("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\A", "Missing") == nullptr);
  CHECK(s.value("HKEY_LOCAL_MACHINE\\Nope", "Enabled") == nullptr);
}

TEST_CASE("import order: later values replace earlier ones, =- removes, [-KEY] removes the subtree") {
  const RegSnapshot s = snapshot_of(std::string(testing::v5) +
                                    "[HKLM\\S\\A]\r\n\"V\"=dword:1\r\n\"W\"=dword:1\r\n"
                                    "[HKLM\\S\\A\\Sub]\r\n\"X\"=dword:1\r\n"
                                    "[HKLM\\S\\A B]\r\n\"Y\"=dword:1\r\n"
                                    "[HKLM\\S\\AB]\r\n"
                                    "[hklm\\s\\a]\r\n\"v\"=dword:2\r\n\"W\"=-\r\n"
                                    "[-HKLM\\S\\A\\SUB]\r\n");
  CHECK(as_dword(*s.value("HKEY_LOCAL_MACHINE\\S\\A", "V")) == 2u);
  CHECK(s.value("HKEY_LOCAL_MACHINE\\S\\A", "W") == nullptr);
  CHECK_FALSE(s.has_key("HKEY_LOCAL_MACHINE\\S\\A\\Sub"));
  RegSnapshot t = s;
  RegDocument del;
  del.keys.push_back(RegKey{"HKEY_LOCAL_MACHINE\\S\\A", true, 0, {}});
  t.apply(del);
  CHECK_FALSE(t.has_key("HKEY_LOCAL_MACHINE\\S\\A"));
  CHECK(t.has_key("HKEY_LOCAL_MACHINE\\S\\A B"));  // a sibling that sorts close by survives
  CHECK(t.has_key("HKEY_LOCAL_MACHINE\\S\\AB"));
  CHECK(as_dword(*t.value("HKEY_LOCAL_MACHINE\\S\\A B", "Y")) == 1u);
}

TEST_CASE("set_value is what the live reader uses; to_document lists every key") {
  RegSnapshot s;
  s.set_value("HKEY_LOCAL_MACHINE\\X\\Y", dword_value("Enabled", 0));
  CHECK(s.has_key("HKEY_LOCAL_MACHINE\\X"));
  CHECK(s.key_count() == 3);
  const RegDocument doc = s.to_document();
  REQUIRE(doc.keys.size() == 3);
  CHECK(doc.keys[2].path == "HKEY_LOCAL_MACHINE\\X\\Y");
  CHECK(doc.keys[2].values == std::vector<RegValue>{dword_value("Enabled", 0)});
}

TEST_CASE("key path helpers") {
  CHECK(normalize_key_path("hkcu").path == "HKEY_CURRENT_USER");
  CHECK(short_key_path("HKEY_LOCAL_MACHINE\\SOFTWARE") == "HKLM\\SOFTWARE");
  CHECK(short_key_path("HKEY_LOCAL_MACHINEX\\A") == "HKEY_LOCAL_MACHINEX\\A");
  CHECK(short_key_path("HKEY_USERS") == "HKU");
  CHECK(is_same_or_below("HKEY_LOCAL_MACHINE\\A\\B", "hkey_local_machine\\a"));
  CHECK_FALSE(is_same_or_below("HKEY_LOCAL_MACHINE\\AB", "HKEY_LOCAL_MACHINE\\A"));
  CHECK(fold("TLS 1.2\\Client") == "tls 1.2\\client");
}

}  // namespace
}  // namespace tlsprobe::registry
