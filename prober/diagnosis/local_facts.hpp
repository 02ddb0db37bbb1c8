#pragma once
#include "diagnosis/verdict.hpp"
#include "registry/report.hpp"

namespace tlsprobe {

// The registry audit as the diagnosis reads it: a version is blocked on this machine when
// the audit has an error finding for it (SChannel client disabled or off by default, .NET
// apps held to TLS 1.0, WinHTTP not offering it), with the findings' messages as the reason
// and their registry lines as the fix.
LocalFacts local_facts_from(const registry::RegistryReport& report);

}  // namespace tlsprobe
