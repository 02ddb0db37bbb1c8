#include "registry/finding.hpp"

#include <algorithm>

#include "registry/reg_data.hpp"
#include "registry/reg_value.hpp"

namespace tlsprobe::registry {

std::string fix_text(const Finding& f) {
  std::string out = f.advice;
  std::string_view current_key;
  for (const auto& c : f.changes) {
    if (!out.empty()) out += '\n';
    if (c.key != current_key) {
      out += "[" + c.key + "]\n";
      current_key = c.key;
    }
    out += quote(c.name) + "=" + dword_text(c.value);
  }
  return out;
}

bool blocks_azure_backup(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::error && f.protocol == Version::tls1_2;
  });
}

std::vector<const Finding*> findings_for(const std::vector<Finding>& findings, Version v) {
  std::vector<const Finding*> out;
  for (const auto& f : findings)
    if (f.protocol == v) out.push_back(&f);
  return out;
}

}  // namespace tlsprobe::registry
