#include "registry/source.hpp"

#include <optional>

#include "core/errors.hpp"
#include "registry/live_registry.hpp"

namespace tlsprobe::registry {

RegistryReport read_registry(const std::vector<std::string>& files) {
  RegistryReport report;
  RegSnapshot snapshot;
  std::optional<OsBuild> os;
  if (files.empty()) {
#ifdef _WIN32
    report.live = true;
    snapshot = read_live_registry();
    os = live_os_build();
#else
    throw UsageError("no live registry on this platform: pass --file EXPORT.reg");
#endif
  }
  for (const auto& path : files) {
    const RegDocument doc = load_reg_file(path);
    snapshot.apply(doc);
    report.files.push_back({path, doc.format, doc.encoding});
  }
  report.settings = read_settings(snapshot, os);
  report.findings = audit(report.settings);
  return report;
}

}  // namespace tlsprobe::registry
