#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diagnosis/connectivity.hpp"
#include "diagnosis/verdict.hpp"

namespace tlsprobe {

// The sentences of one verdict, written from its fields: the one-line summary, the evidence
// lines (each attempt weighed, the registry's block, the request that failed, the addresses
// left out) and the fix ("" when nothing on this machine would help).
std::string verdict_summary(const Verdict& v);
std::vector<std::string> verdict_evidence(const Verdict& v);
std::string verdict_fix(const Verdict& v);

// One line per endpoint: the versions grouped by what they came to, then the fixes.
// Under an endpoint's line, each of its addresses that no attempt reached, with the reason.
std::string render_verdicts(const std::vector<Verdict>& verdicts, const std::vector<AddressNote>& unreachable = {});

// "127.0.0.2: unreachable for every version (refused 10061 in connect)"; an IPv6 address
// without a route says so, the commonest case on IPv4-only Windows servers.
std::string address_note_text(const AddressNote& note);

// [{endpoint, address, class, errno, winsock, message}]
nlohmann::ordered_json address_notes_to_json(const std::vector<AddressNote>& notes);

// [{endpoint, version, cause, expected, summary, evidence: [...], fix}]
nlohmann::ordered_json verdicts_to_json(const std::vector<Verdict>& verdicts);

}  // namespace tlsprobe
