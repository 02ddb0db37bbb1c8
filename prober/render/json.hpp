#pragma once
// The JSON document (schema/report.schema.json describes it exactly). Built as a value first
// so later sections (disagreements, policy) are added as keys before it is written out.
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"
#include "diagnosis/certificates.hpp"
#include "diagnosis/disagreement.hpp"

namespace tlsprobe {

// One element of "results".
nlohmann::ordered_json attempt_to_json(const AttemptResult& r);

// The whole document: tool, version, started, duration_ms, versions, backends, results,
// summary, in that order.
nlohmann::ordered_json report_to_json(const Report& report);

// Two-space indentation and a trailing newline. Bytes that are not UTF-8 (a native message
// in a Windows code page) become U+FFFD instead of aborting the run.
std::string dump_json(const nlohmann::ordered_json& doc);

std::string render_json(const Report& report);

// report_to_json plus each key of `extra` (an object) appended after "summary", in order;
// e.g. {"policy": policy_to_json(...)}. A key already present is replaced in place.
std::string render_json(const Report& report, const nlohmann::ordered_json& extra);

// [{endpoint, address, version, outcomes: {backend: status}}]
nlohmann::ordered_json disagreements_to_json(const std::vector<Disagreement>& disagreements);

// [{id, severity, endpoint, address, backend, message}]
nlohmann::ordered_json certificate_findings_to_json(const std::vector<CertificateFinding>& findings);

}  // namespace tlsprobe
