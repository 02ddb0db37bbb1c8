#pragma once
// Which endpoints a run probes, from everything a user can name: the catalog (embedded or a
// file, filtered by cloud and group), targets files and targets typed out.
#include <string>
#include <vector>

#include "core/target.hpp"

namespace tlsprobe {

struct TargetSelection {
  std::string catalog_file;  // empty: the embedded catalog
  std::vector<std::string> clouds;
  std::vector<std::string> groups;
  std::vector<std::string> targets_files;
  std::vector<std::string> targets;  // "host", "host:port", "[v6]:port"
};

// The catalog is the default; naming hosts (or files of them) replaces it unless a catalog
// setting (file, cloud, group) asks for it too. Catalog order, then the files', then the
// typed ones; each host:port once (the first wins: a second would only double the load on
// it). Throws UsageError for any bad input, and when the selection leaves nothing to probe.
std::vector<Target> select_targets(const TargetSelection& selection);

}  // namespace tlsprobe
