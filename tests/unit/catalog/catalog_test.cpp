#include "catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "core/errors.hpp"

namespace tlsprobe {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it. create_directory
// fails on an existing name, so a clash is retried rather than shared (what mkdtemp guarantees,
// without depending on POSIX: this binary is also built with mingw and run under Wine).
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
      path_ = fs::temp_directory_path() / ("tlsprobe-catalog-" + std::to_string(rd()));
      if (fs::create_directory(path_)) return;
    }
    throw std::runtime_error("cannot create a temporary directory");
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, std::string_view content) const {
    const fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string message_of(std::string_view text) {
  try {
    parse_catalog(text, "t.toml");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

std::vector<std::string> labels(const std::vector<Target>& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets) out.push_back(t.label);
  return out;
}

const char* const small_catalog = R"(
[[endpoint]]
host = "login.microsoftonline.com"
cloud = "public"
group = "*.microsoftonline.com"
purpose = "sign-in"

[[endpoint]]
host = "www.msftncsi.com"
cloud = "public"
group = "www.msftncsi.com"

[[endpoint]]
host = "login.microsoftonline.us"
cloud = "usgov"
group = "*.microsoftonline.us"

[[endpoint]]
host = "www.msftncsi.com"
cloud = "usgov"
group = "www.msftncsi.com"

[[endpoint]]
host = "management.chinacloudapi.cn"
cloud = "china"
group = "*.chinacloudapi.cn"
)";

}  // namespace

TEST_CASE("catalog: the shipped catalog parses and covers every cloud") {
  const fs::path file = fs::path(TLSPROBE_SOURCE_DIR) / "endpoints" / "azure-backup.toml";
  const Catalog catalog = parse_catalog(read_file(file), file.string());
  CHECK(catalog.endpoints.size() >= 20);
  CHECK(catalog.endpoints.size() <= 30);

  std::set<std::string> clouds;
  for (const auto& t : catalog.endpoints) {
    CAPTURE(t.label);
    clouds.insert(t.cloud);
    CHECK(t.port == 443);
    CHECK(t.label == t.host);
    CHECK_FALSE(t.group.empty());
    CHECK_FALSE(t.purpose.empty());
    CHECK(t.purpose.find('\n') == std::string::npos);
  }
  CHECK(clouds == std::set<std::string>{"public", "usgov", "china"});

  SUBCASE("the embedded copy is the same file") {
    const Catalog& embedded = embedded_catalog();
    CHECK(labels(embedded.endpoints) == labels(catalog.endpoints));
    CHECK(&embedded == &embedded_catalog());
  }
  SUBCASE("each cloud selects something") {
    for (const auto cloud : catalog_clouds) CHECK_FALSE(select_endpoints(catalog, {std::string(cloud)}, {}).empty());
  }
}

TEST_CASE("catalog: entries become targets") {
  const Catalog catalog = parse_catalog(R"(
[[endpoint]]
host = "Login.MicrosoftOnline.COM."
cloud = "public"

[[endpoint]]
host = "vault.example.com"
port = 8443
cloud = "usgov"
group = "mine"
purpose = "my vault"

[[endpoint]]
host = "2001:db8::1"
port = 444
cloud = "china"

[[endpoint]]
host = "vault.example.com"
cloud = "usgov"

[[endpoint]]
host = "vault.example.com"
port = 8443
cloud = "china"
)",
                                        "t.toml");
  REQUIRE(catalog.endpoints.size() == 5);
  const Target& first = catalog.endpoints[0];
  CHECK(first.host == "login.microsoftonline.com");
  CHECK(first.port == 443);
  CHECK(first.label == "login.microsoftonline.com");
  CHECK(first.cloud == "public");
  CHECK(first.group.empty());
  CHECK(first.purpose.empty());
  const Target& mine = catalog.endpoints[1];
  CHECK(mine.label == "vault.example.com:8443");
  CHECK(mine.port == 8443);
  CHECK(mine.group == "mine");
  CHECK(mine.purpose == "my vault");
  CHECK(catalog.endpoints[2].host == "2001:db8::1");
  CHECK(catalog.endpoints[2].label == "[2001:db8::1]:444");
  CHECK(catalog.endpoints[3].label == "vault.example.com");
  CHECK(catalog.endpoints[4].label == "vault.example.com:8443");

  const Catalog inline_tables =
      parse_catalog(R"(endpoint = [{ host = "a.com", cloud = "public" }, { host = "b.com", cloud = "china" }])", "t.toml");
  CHECK(labels(inline_tables.endpoints) == std::vector<std::string>{"a.com", "b.com"});
}

TEST_CASE("catalog: selection by cloud and group") {
  const Catalog catalog = parse_catalog(small_catalog, "t.toml");

  CHECK(labels(select_endpoints(catalog, {}, {})) ==
        std::vector<std::string>{"login.microsoftonline.com", "www.msftncsi.com", "login.microsoftonline.us",
                                 "management.chinacloudapi.cn"});
  CHECK(select_endpoints(catalog, {}, {})[1].cloud == "public");  // the first of the repeated host wins

  const auto usgov = select_endpoints(catalog, {"usgov"}, {});
  CHECK(labels(usgov) == std::vector<std::string>{"login.microsoftonline.us", "www.msftncsi.com"});
  CHECK(usgov[1].cloud == "usgov");

  CHECK(labels(select_endpoints(catalog, {"USGov", "china"}, {})) ==
        std::vector<std::string>{"login.microsoftonline.us", "www.msftncsi.com", "management.chinacloudapi.cn"});
  CHECK(labels(select_endpoints(catalog, {}, {"*.MicrosoftOnline.com"})) ==
        std::vector<std::string>{"login.microsoftonline.com"});
  CHECK(labels(select_endpoints(catalog, {"china"}, {"www.msftncsi.com", "*.chinacloudapi.cn"})) ==
        std::vector<std::string>{"management.chinacloudapi.cn"});

  CHECK_THROWS_WITH_AS(select_endpoints(catalog, {"azure"}, {}),
                       "unknown cloud 'azure' (known clouds: public, usgov, china)", UsageError);
  CHECK_THROWS_WITH_AS(select_endpoints(catalog, {}, {"microsoftonline.com"}),
                       "unknown group 'microsoftonline.com' (known groups: *.microsoftonline.com, www.msftncsi.com, "
                       "*.microsoftonline.us, *.chinacloudapi.cn)",
                       UsageError);
  CHECK_THROWS_WITH_AS(select_endpoints(catalog, {"usgov", "china"}, {"*.microsoftonline.com"}),
                       "no catalog endpoint is in cloud usgov or china and group *.microsoftonline.com", UsageError);
  CHECK(select_endpoints(Catalog{}, {}, {}).empty());
}

TEST_CASE("catalog: malformed catalogs are reported with file, line and column") {
  const std::string cloud = "cloud = \"public\"\n";
  // TOML syntax, as toml++ words it.
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\n") ==
        "t.toml:2:14: Error while parsing string: unescaped control characters other than TAB (U+0009) are "
        "explicitly prohibited");
  CHECK(message_of("[[endpoint]]\nhost = a.com\n") ==
        "t.toml:2:8: Error while parsing value: could not determine value type");
  CHECK(message_of("[[endpoint]]\nhost = \"a\"\nhost = \"b\"\n") ==
        "t.toml:3:8: Error while parsing key-value pair: cannot redefine existing string 'host'");

  // The shape of the file.
  CHECK(message_of("") == "t.toml: no [[endpoint]] entries");
  CHECK(message_of("# only a comment\n") == "t.toml: no [[endpoint]] entries");
  CHECK(message_of("endpoint = []\n") == "t.toml:1:12: no [[endpoint]] entries");
  CHECK(message_of("[endpoint]\nhost = \"a.com\"\n") ==
        "t.toml:1:1: 'endpoint' must be a list of tables: write each entry as [[endpoint]]");
  CHECK(message_of("endpoint = [1, 2]\n") ==
        "t.toml:1:12: 'endpoint' must be a list of tables: write each entry as [[endpoint]]");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\n" + cloud + "\n[[endpoints]]\nhost = \"b.com\"\n") ==
        "t.toml:5:3: unknown key 'endpoints' (a catalog holds only [[endpoint]] tables)");

  // Keys of an entry.
  CHECK(message_of("[[endpoint]]\n  hots = \"a.com\"\n" + cloud) ==
        "t.toml:2:3: unknown key 'hots' in [[endpoint]] (did you mean 'host'?)");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\n" + cloud + "region = \"eus\"\n") ==
        "t.toml:4:1: unknown key 'region' in [[endpoint]] (known keys: host, port, cloud, group, purpose)");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\nzone = 1\n" + cloud + "area = 2\n") ==
        "t.toml:3:1: unknown key 'zone' in [[endpoint]] (known keys: host, port, cloud, group, purpose)");
  CHECK(message_of("[[endpoint]]\n" + cloud + "\n[[endpoint]]\n" + cloud) == "t.toml:1:1: [[endpoint]] has no 'host'");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\n" + cloud + "[[endpoint]]\nport = 443\n" + cloud) ==
        "t.toml:4:1: [[endpoint]] has no 'host'");
  CHECK(message_of("[[endpoint]]\nhost = 5\n" + cloud) == "t.toml:2:8: 'host' must be a string");
  CHECK(message_of("[[endpoint]]\nhost.name = \"a.com\"\n" + cloud) == "t.toml:2:1: 'host' must be a string");

  // The host name itself.
  CHECK(message_of("[[endpoint]]\nhost = \"\"\n" + cloud) == "t.toml:2:8: 'host' is empty");
  CHECK(message_of("[[endpoint]]\nhost = \"log in.example.com\"\n" + cloud) ==
        "t.toml:2:8: bad host 'log in.example.com': character ' ' not allowed in a host name");
  CHECK(message_of("[[endpoint]]\nhost = \"-a.example.com\"\n" + cloud) ==
        "t.toml:2:8: bad host '-a.example.com': label starts with '-'");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com:8443\"\n" + cloud) ==
        "t.toml:2:8: bad host 'a.com:8443': put the port in its own key, e.g. port = 8443");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com:\"\n" + cloud) ==
        "t.toml:2:8: bad host 'a.com:': put the port in its own key, e.g. port = 8443");
  CHECK(message_of("[[endpoint]]\nhost = \"[2001:db8::1]\"\n" + cloud) ==
        "t.toml:2:8: bad host '[2001:db8::1]': write an IPv6 address without brackets");
  CHECK(message_of("[[endpoint]]\nhost = \"*.microsoftonline.com\"\n" + cloud) ==
        "t.toml:2:8: bad host '*.microsoftonline.com': wildcards cannot be probed; name a concrete host and put "
        "the pattern in 'group'");

  // Port.
  const std::string host = "[[endpoint]]\nhost = \"a.com\"\n" + cloud;
  const std::string port_error = "t.toml:4:8: 'port' must be an integer 1..65535";
  CHECK(message_of(host + "port = \"443\"\n") == port_error);
  CHECK(message_of(host + "port = 0\n") == port_error);
  CHECK(message_of(host + "port = 65536\n") == port_error);
  CHECK(message_of(host + "port = -1\n") == port_error);
  CHECK(message_of(host + "port = 443.0\n") == port_error);
  CHECK(parse_catalog(host + "port = 65535\n", "t.toml").endpoints.at(0).label == "a.com:65535");

  // Cloud, group, purpose.
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\ncloud = \"Public\"\n") ==
        "t.toml:3:9: unknown cloud 'Public' (expected public, usgov or china)");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\ncloud = \"azure-germany\"\n") ==
        "t.toml:3:9: unknown cloud 'azure-germany' (expected public, usgov or china)");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\nport = 8443\n") ==
        "t.toml:1:1: [[endpoint]] 'a.com:8443' has no 'cloud' (public, usgov or china)");
  CHECK(message_of("[[endpoint]]\nhost = \"a.com\"\ncloud = [\"public\"]\n") ==
        "t.toml:3:9: 'cloud' must be a string");
  CHECK(message_of(host + "group = 1\n") == "t.toml:4:9: 'group' must be a string");
  CHECK(message_of(host + "purpose = true\n") == "t.toml:4:11: 'purpose' must be a string");

  // Duplicates: the same name after normalising case and the trailing dot, in the same cloud.
  CHECK(message_of(host + "\n[[endpoint]]\nhost = \"A.com.\"\n" + cloud) ==
        "t.toml:6:8: duplicate endpoint 'a.com' in cloud public (first listed on line 2)");
  CHECK(message_of(host + "port = 8443\n[[endpoint]]\nhost = \"a.com\"\nport = 8443\n" + cloud) ==
        "t.toml:6:8: duplicate endpoint 'a.com:8443' in cloud public (first listed on line 2)");
  CHECK(parse_catalog(host + "[[endpoint]]\nhost = \"a.com\"\nport = 8443\n" + cloud, "t.toml").endpoints.size() == 2);
}

TEST_CASE("catalog: files") {
  TempDir dir;

  SUBCASE("a catalog file names itself in errors") {
    const auto good = dir.write("good.toml", "[[endpoint]]\nhost = \"a.com\"\ncloud = \"china\"\n");
    CHECK(load_catalog_file(good).endpoints.at(0).cloud == "china");
    const auto bad = dir.write("bad.toml", "[[endpoint]]\nhost = \"a.com\"\ncloud = \"mars\"\n");
    CHECK_THROWS_WITH_AS(load_catalog_file(bad), (bad + ":3:9: unknown cloud 'mars' (expected public, usgov or china)").c_str(),
                         UsageError);
  }
  SUBCASE("an unreadable catalog says why") {
    const auto missing = dir.path("missing.toml");
    CHECK_THROWS_WITH_AS(load_catalog_file(missing),
                         ("cannot read catalog " + missing + ": " + std::strerror(ENOENT)).c_str(), UsageError);
#ifndef _WIN32
    const auto folder = dir.path("");
    CHECK_THROWS_WITH_AS(load_catalog_file(folder),
                         ("cannot read catalog " + folder + ": " + std::strerror(EISDIR)).c_str(), UsageError);
#endif
  }
  SUBCASE("a UTF-16 file is refused with a way out") {
    const auto utf16 = dir.write("utf16.txt", std::string("\xff\xfe" "a\0.\0c\0o\0m\0", 12));
    const std::string expected = utf16 + ": the file is UTF-16; save it as UTF-8 (in Windows PowerShell use "
                                         "Out-File -Encoding utf8 or Set-Content instead of '>')";
    CHECK_THROWS_WITH_AS(load_targets_file(utf16), expected.c_str(), UsageError);
    CHECK_THROWS_WITH_AS(load_catalog_file(utf16), expected.c_str(), UsageError);
  }
}

TEST_CASE("catalog: targets file") {
  TempDir dir;

  SUBCASE("good lines") {
    const auto file = dir.write("targets.txt",
                                "\xEF\xBB\xBF# my vault and storage\r\n"
                                "\r\n"
                                "  myvault.blob.core.windows.net  \r\n"
                                "\tpod01-manag1.eus.backup.windowsazure.com:443 # the backup service\n"
                                "proxy.example.com:8443\n"
                                "[2001:db8::1]:444\n"
                                "192.0.2.7\n"
                                "MyVault.Blob.Core.Windows.Net.\n"
                                "   # indented comment\n"
                                "last.example.com");
    const auto targets = load_targets_file(file);
    CHECK(labels(targets) == std::vector<std::string>{"myvault.blob.core.windows.net",
                                                      "pod01-manag1.eus.backup.windowsazure.com",
                                                      "proxy.example.com:8443", "[2001:db8::1]:444", "192.0.2.7",
                                                      "last.example.com"});
    CHECK(targets[2].port == 8443);
    CHECK(targets[3].host == "2001:db8::1");
    CHECK(targets[0].cloud.empty());
  }
  SUBCASE("a bad line is named by number") {
    const auto file = dir.write("targets.txt", "# header\n\na.example.com\nb.example.com:99999\n");
    CHECK_THROWS_WITH_AS(load_targets_file(file),
                         (file + ":4: bad target 'b.example.com:99999': port must be 1..65535").c_str(), UsageError);
    const auto spaced = dir.write("spaced.txt", "a.example.com\r\nb.example.com 443\r\n");
    CHECK_THROWS_WITH_AS(load_targets_file(spaced),
                         (spaced + ":2: bad target 'b.example.com 443': character ' ' not allowed in a host name").c_str(),
                         UsageError);
    const auto v6 = dir.write("v6.txt", "2001:db8::1:443:x\n");
    CHECK_THROWS_WITH_AS(load_targets_file(v6),
                         (v6 + ":1: bad target '2001:db8::1:443:x': write IPv6 addresses with a port as [addr]:port").c_str(),
                         UsageError);
  }
  SUBCASE("no targets at all") {
    const auto file = dir.write("empty.txt", "# nothing yet\n\n   \n");
    CHECK_THROWS_WITH_AS(load_targets_file(file),
                         (file + ": no targets (the file has only blank lines and comments)").c_str(), UsageError);
    const auto missing = dir.path("missing.txt");
    CHECK_THROWS_WITH_AS(load_targets_file(missing),
                         ("cannot read targets file " + missing + ": " + std::strerror(ENOENT)).c_str(), UsageError);
  }
}

}  // namespace tlsprobe
