#include "catalog/selection.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/errors.hpp"

using namespace tlsprobe;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> labels(const std::vector<Target>& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets) out.push_back(t.label);
  return out;
}

// A targets file under the system temp dir, removed at the end of the scope.
class TargetsFile {
 public:
  explicit TargetsFile(std::string_view content)
      : path_(fs::temp_directory_path() / ("tlsprobe-selection-" + std::to_string(std::random_device{}()) + ".txt")) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TargetsFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

}  // namespace

TEST_CASE("selection: typed hosts replace the catalog, each host:port once, the first spelling wins") {
  TargetSelection s;
  s.targets = {"vault.example", "VAULT.example:443", "vault.example:8443", "[2001:db8::1]:444", "vault.example."};
  CHECK(labels(select_targets(s)) == std::vector<std::string>{"vault.example", "vault.example:8443", "[2001:db8::1]:444"});
}

TEST_CASE("selection: the catalog by default; asked for by cloud it comes first, then files, then typed hosts") {
  TargetSelection none;
  const auto catalog = select_targets(none);
  REQUIRE_FALSE(catalog.empty());

  TargetSelection gov;
  gov.clouds = {"usgov"};
  const auto gov_only = select_targets(gov);
  REQUIRE_FALSE(gov_only.empty());
  for (const auto& t : gov_only) CHECK(t.cloud == "usgov");

  TargetsFile file("# ours\nfile.example\nvault.example\n");
  gov.targets_files = {file.path()};
  gov.targets = {"vault.example:443", "typed.example"};
  const auto mixed = labels(select_targets(gov));
  REQUIRE(mixed.size() == gov_only.size() + 3);
  CHECK(mixed[gov_only.size()] == "file.example");
  CHECK(mixed[gov_only.size() + 1] == "vault.example");
  CHECK(mixed[gov_only.size() + 2] == "typed.example");
}

TEST_CASE("selection: a bad host, a missing file and a file of comments only are usage errors") {
  TargetSelection bad_host;
  bad_host.targets = {"https://vault.example/"};
  CHECK_THROWS_AS(select_targets(bad_host), UsageError);

  TargetSelection no_file;
  no_file.targets_files = {(fs::temp_directory_path() / "tlsprobe-no-such-targets-file.txt").string()};
  CHECK_THROWS_AS(select_targets(no_file), UsageError);

  TargetSelection empty_file_only;
  TargetsFile empty("# nothing here\n");
  empty_file_only.targets_files = {empty.path()};
  CHECK_THROWS_WITH_AS(select_targets(empty_file_only),
                       (empty.path() + ": no targets (the file has only blank lines and comments)").c_str(), UsageError);
}
