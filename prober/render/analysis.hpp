#pragma once
// A whole run written out for the probe command (and anything else that shows an Analysis):
// the report with what the analysis adds to it.
#include <string>

#include "analysis/analysis.hpp"
#include "render/table.hpp"

namespace tlsprobe {

// The JSON document: the report's keys, then disagreements, verdicts, unreachable_addresses,
// certificate_findings, and policy and registry_findings when the run had them.
std::string render_analysis_json(const Analysis& analysis);

// The matrix, its cells where backends disagree marked, the certificate notes, then the
// verdicts. `style` gives colour and symbols; the rest comes from the analysis.
std::string render_analysis_table(const Analysis& analysis, TableStyle style);

}  // namespace tlsprobe
