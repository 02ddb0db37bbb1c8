#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/catalog.hpp"
#include "core/errors.hpp"

namespace tlsprobe {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : std::string(separator)) + name;
  return out;
}

bool contains(const std::vector<std::string>& lowered, const std::string& name) {
  return std::find(lowered.begin(), lowered.end(), lower(name)) != lowered.end();
}

// The names the user may pass, in catalog order, each once (ignoring case).
std::vector<std::string> known_groups(const Catalog& catalog) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& t : catalog.endpoints)
    if (!t.group.empty() && seen.insert(lower(t.group)).second) names.push_back(t.group);
  return names;
}

// Lowercases the requested names, rejecting any that `known` does not hold.
std::vector<std::string> checked(const std::vector<std::string>& requested, const std::vector<std::string>& known,
                                 std::string_view kind) {
  std::vector<std::string> known_lower;
  for (const auto& k : known) known_lower.push_back(lower(k));
  std::vector<std::string> out;
  for (const auto& name : requested) {
    if (!contains(known_lower, name))
      throw UsageError("unknown " + std::string(kind) + " '" + name + "' (known " + std::string(kind) +
                       "s: " + join(known, ", ") + ")");
    out.push_back(lower(name));
  }
  return out;
}

}  // namespace

std::vector<Target> select_endpoints(const Catalog& catalog, const std::vector<std::string>& clouds,
                                     const std::vector<std::string>& groups) {
  const std::vector<std::string> all_clouds(catalog_clouds.begin(), catalog_clouds.end());
  const auto wanted_clouds = checked(clouds, all_clouds, "cloud");
  const auto wanted_groups = checked(groups, known_groups(catalog), "group");

  std::vector<Target> selected;
  std::set<std::string> seen;  // one probe per host:port even when several clouds list it
  for (const auto& t : catalog.endpoints) {
    if (!wanted_clouds.empty() && !contains(wanted_clouds, t.cloud)) continue;
    if (!wanted_groups.empty() && !contains(wanted_groups, t.group)) continue;
    if (seen.insert(t.label).second) selected.push_back(t);
  }
  if (selected.empty() && (!clouds.empty() || !groups.empty())) {
    std::string filter;
    if (!clouds.empty()) filter += "cloud " + join(clouds, " or ");
    if (!groups.empty()) filter += (filter.empty() ? "group " : " and group ") + join(groups, " or ");
    throw UsageError("no catalog endpoint is in " + filter);
  }
  return selected;
}

}  // namespace tlsprobe
