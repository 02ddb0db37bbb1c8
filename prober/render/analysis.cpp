#include "render/analysis.hpp"

#include "render/cipher_scan.hpp"
#include "render/client_hello.hpp"
#include "render/json.hpp"
#include "render/policy.hpp"
#include "render/registry_report.hpp"
#include "render/verdicts.hpp"

namespace tlsprobe {

std::string render_analysis_json(const Analysis& a) {
  nlohmann::ordered_json extra;
  extra["disagreements"] = disagreements_to_json(a.disagreements);
  extra["verdicts"] = verdicts_to_json(a.verdicts);
  extra["unreachable_addresses"] = address_notes_to_json(a.unreachable_addresses);
  extra["certificate_findings"] = certificate_findings_to_json(a.certificate_findings);
  if (!a.policy.empty()) extra["policy"] = policy_to_json(a.policy, a.violations);
  if (!a.report.cipher_scans.empty()) extra["cipher_scans"] = cipher_scans_to_json(a.report.cipher_scans);
  if (!a.report.group_scans.empty()) extra["group_scans"] = group_scans_to_json(a.report.group_scans);
  if (a.registry) extra["registry_findings"] = registry::registry_to_json(*a.registry)["findings"];
  return render_json(a.report, extra);
}

std::string render_analysis_table(const Analysis& a, TableStyle style) {
  for (const auto& d : a.disagreements)
    for (const auto& [backend, status] : d.outcomes) style.marked.insert(CellKey{d.endpoint, d.address, backend, d.version});
  style.marked_legend = "backends disagree: one saw the version accepted, another did not (see each backend's row)";
  style.certificate_findings = a.certificate_findings;
  std::string out = render_table(a.report, style) + "\n" + render_verdicts(a.verdicts, a.unreachable_addresses);
  if (const auto scans = render_cipher_scans(a.report.cipher_scans); !scans.empty()) out += "\n" + scans;
  if (const auto scans = render_group_scans(a.report.group_scans); !scans.empty()) out += "\n" + scans;
  if (style.show_hello) {
    const auto hellos = render_client_hellos(a.report);
    out += hellos.empty() ? "No ClientHello was captured (--show-hello).\n" : "\n" + hellos;
  }
  return out;
}

}  // namespace tlsprobe
