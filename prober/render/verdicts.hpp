#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diagnosis/verdict.hpp"

namespace tlsprobe {

// One line per endpoint: the versions grouped by what they came to, then the fixes.
std::string render_verdicts(const std::vector<Verdict>& verdicts);

// [{endpoint, version, cause, expected, summary, evidence: [...], fix}]
nlohmann::ordered_json verdicts_to_json(const std::vector<Verdict>& verdicts);

}  // namespace tlsprobe
