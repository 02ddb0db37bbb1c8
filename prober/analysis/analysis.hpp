#pragma once
// One run, start to finish, as a front end asks for it: the plan in (targets, versions,
// backends, limits, policy, the registry to join), plain data out (the results and what they
// mean together). The probe command calls it, and so can anything else that wants the same
// answer (a service, a test); nothing here prints, reads flags or reads the environment.
#include <optional>
#include <string>
#include <vector>

#include "backends/registry.hpp"
#include "core/result.hpp"
#include "diagnosis/certificates.hpp"
#include "diagnosis/connectivity.hpp"
#include "diagnosis/disagreement.hpp"
#include "diagnosis/verdict.hpp"
#include "engine/engine.hpp"
#include "policy/policy.hpp"
#include "registry/report.hpp"

namespace tlsprobe {

// Where this machine's registry comes from for the local verdicts.
struct RegistryInput {
  std::vector<std::string> files;  // .reg exports; a bad one is the user's error (UsageError)
  // With no files: the live registry (Windows). Reading it can fail without failing the run;
  // the verdicts then only lack local causes (Analysis::registry_error says why).
  bool live_when_no_files = true;
};

struct Plan {
  std::vector<Target> targets;
  // Every version either rule of `policy` names is probed too (versions_to_probe).
  std::vector<Version> versions;
  std::vector<std::string> backends;  // by name, in order; empty: every one this build has
  BackendConfig backend_config;
  EngineOptions engine;
  Policy policy;
  CertificateCheckOptions certificates;
  RegistryInput registry;
};

struct Analysis {
  Report report;
  std::vector<AddressNote> unreachable_addresses;
  std::vector<Disagreement> disagreements;
  std::vector<Verdict> verdicts;
  Policy policy;
  std::vector<Violation> violations;
  std::vector<CertificateFinding> certificate_findings;
  std::optional<registry::RegistryReport> registry;  // the registry joined, when one was read
  std::string registry_error;                        // why the live registry was not read

  // Some cell is tlsprobe's own fault (status error): the report is incomplete.
  bool faulted() const;
  bool policy_passed() const { return violations.empty(); }
};

// Reads the registry and makes the backends first, so bad input costs nothing on the wire
// (UsageError), then probes and joins. `on_progress` sees the engine's progress.
Analysis analyze(const Plan& plan, const ProgressFn& on_progress = {});

// What a finished report means together: the part of analyze() after the probing, for a
// report that comes from elsewhere (a test, a stored run).
Analysis analyze_report(Report report, const Policy& policy, const CertificateCheckOptions& certificates,
                        std::optional<registry::RegistryReport> registry);

}  // namespace tlsprobe
