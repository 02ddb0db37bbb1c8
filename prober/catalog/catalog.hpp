#pragma once
// Where targets come from when the user does not type them: the endpoint catalog (embedded
// endpoints/azure-backup.toml or --catalog FILE) and --targets-file. Everything wrong here is
// the user's to fix, so every error is a UsageError that says where ("FILE:LINE:COL: ...").
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/target.hpp"

namespace tlsprobe {

struct Catalog {
  // File order. label is host, or host:port when port != 443 ([v6]:port for IPv6 literals).
  // The same host:port may appear once per cloud.
  std::vector<Target> endpoints;
};

inline constexpr std::array<std::string_view, 3> catalog_clouds{"public", "usgov", "china"};

// Parses catalog TOML. source_name prefixes every error message. Throws UsageError for
// TOML syntax and for schema errors (missing or mistyped keys, unknown keys, bad host, port
// out of range, unknown cloud, duplicate host:port within a cloud, no [[endpoint]] at all).
Catalog parse_catalog(std::string_view text, std::string_view source_name);

// Throws UsageError "cannot read catalog PATH: reason" when the file cannot be read.
Catalog load_catalog_file(const std::string& path);

// endpoints/azure-backup.toml as embedded by the build (cmake/EmbedFile.cmake), parsed once,
// on first use; errors use the source name "embedded catalog".
const Catalog& embedded_catalog();

// Endpoints whose cloud is in `clouds` and whose group is in `groups` (an empty list matches
// everything), in catalog order, each host:port once (the first entry wins). Both compare
// case-insensitively. Throws UsageError for a name the catalog does not know, listing the
// known ones, and when a filter leaves nothing to probe.
std::vector<Target> select_endpoints(const Catalog& catalog, const std::vector<std::string>& clouds,
                                     const std::vector<std::string>& groups);

// One target a line (host, host:port, [v6]:port); blank lines and '#' comments, whole-line or
// trailing, are ignored and whitespace is trimmed. Repeated targets are kept once. Throws
// UsageError "PATH:LINE: <what parse_target says>", "cannot read targets file PATH: reason",
// or "PATH: no targets ..." for a file with none.
std::vector<Target> load_targets_file(const std::string& path);

}  // namespace tlsprobe
