#include "catalog/selection.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "core/errors.hpp"

namespace tlsprobe {

std::vector<Target> select_targets(const TargetSelection& s) {
  std::vector<Target> targets;
  const bool want_catalog = (s.targets.empty() && s.targets_files.empty()) || !s.catalog_file.empty() ||
                            !s.clouds.empty() || !s.groups.empty();
  if (want_catalog) {
    const Catalog file_catalog = s.catalog_file.empty() ? Catalog{} : load_catalog_file(s.catalog_file);
    const Catalog& catalog = s.catalog_file.empty() ? embedded_catalog() : file_catalog;
    targets = select_endpoints(catalog, s.clouds, s.groups);
  }
  for (const auto& file : s.targets_files) {
    auto more = load_targets_file(file);
    targets.insert(targets.end(), more.begin(), more.end());
  }
  for (const auto& text : s.targets) targets.push_back(parse_target(text));
  std::vector<Target> unique;
  for (auto& t : targets) {
    const bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const Target& u) { return u.host == t.host && u.port == t.port; });
    if (!seen) unique.push_back(std::move(t));
  }
  if (unique.empty()) throw UsageError("nothing to probe: the selection matched no endpoint");
  return unique;
}

}  // namespace tlsprobe
