#include "diagnosis/local_facts.hpp"

namespace tlsprobe {

LocalFacts local_facts_from(const registry::RegistryReport& report) {
  LocalFacts facts;
  if (report.live) {
    facts.source = "this machine's registry";
  } else {
    for (const auto& f : report.files) facts.source += (facts.source.empty() ? "" : ", ") + f.path;
    facts.source = "registry export " + facts.source;
  }
  for (const auto v : all_versions) {
    LocalFacts::Entry entry;
    for (const auto* finding : registry::findings_for(report.findings, v)) {
      if (finding->severity != registry::Severity::error) continue;
      entry.blocked = true;
      entry.why += (entry.why.empty() ? "" : "; ") + finding->message + " [" + finding->id + "]";
      const auto fix = registry::fix_text(*finding);
      if (!fix.empty()) entry.fix += (entry.fix.empty() ? "" : "\n") + fix;
    }
    if (entry.blocked) {
      entry.why += " (" + facts.source + ")";
      facts.versions[v] = std::move(entry);
    }
  }
  return facts;
}

}  // namespace tlsprobe
