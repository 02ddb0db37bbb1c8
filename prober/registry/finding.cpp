#include "registry/finding.hpp"

#include <algorithm>

#include "registry/reg_data.hpp"
#include "registry/reg_value.hpp"
#include "registry/reg_writer.hpp"

namespace tlsprobe::registry {

RegValue change_value(const RegChange& c) {
  if (c.type == reg_multi_sz) return multi_string_value(c.name, c.strings);
  if (c.type == reg_sz) return string_value(c.name, c.strings.empty() ? std::string() : c.strings.front());
  return dword_value(c.name, c.value);
}

std::string fix_text(const Finding& f) {
  std::string out = f.advice;
  std::string_view current_key;
  for (const auto& c : f.changes) {
    if (!out.empty()) out += '\n';
    if (c.key != current_key) {
      out += "[" + c.key + "]\n";
      current_key = c.key;
    }
    // As --fix-file writes it; a wrapped hex(7) list keeps its '\' continuation lines.
    std::string lines = value_lines(change_value(c));
    for (std::size_t at = 0; (at = lines.find("\r\n", at)) != std::string::npos;) lines.erase(at, 1);
    out += lines;
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
