#include "analysis/analysis.hpp"

#include <algorithm>

#include "diagnosis/local_facts.hpp"
#include "registry/source.hpp"

namespace tlsprobe {
namespace {

struct RegistryRead {
  std::optional<registry::RegistryReport> report;
  std::string error;
};

RegistryRead read_registry_input(const RegistryInput& input) {
  if (!input.files.empty()) return {registry::read_registry(input.files), {}};
#ifdef _WIN32
  if (input.live_when_no_files) {
    try {
      return {registry::read_registry({}), {}};
    } catch (const std::exception& e) {
      return {std::nullopt, e.what()};
    }
  }
#endif
  return {};
}

}  // namespace

bool Analysis::faulted() const {
  return std::any_of(report.results.begin(), report.results.end(),
                     [](const AttemptResult& r) { return r.outcome.status == Status::error; });
}

Analysis analyze_report(Report report, const Policy& policy, const CertificateCheckOptions& certificates,
                        std::optional<registry::RegistryReport> registry) {
  Analysis a;
  a.report = std::move(report);
  a.unreachable_addresses = unreachable_addresses(a.report);
  a.disagreements = find_disagreements(a.report);
  a.verdicts = diagnose(a.report, registry ? std::optional(local_facts_from(*registry)) : std::nullopt);
  a.policy = policy;
  a.violations = check_policy(a.report, policy);
  a.certificate_findings = find_certificate_findings(a.report, certificates);
  a.registry = std::move(registry);
  return a;
}

Analysis analyze(const Plan& plan, const ProgressFn& on_progress) {
  auto registry = read_registry_input(plan.registry);
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<Backend*> backends;
  for (const auto& name : plan.backends.empty() ? built_backends() : plan.backends) {
    owned.push_back(make_backend(name, plan.backend_config));
    backends.push_back(owned.back().get());
  }
  auto report = run_probe(plan.targets, backends, versions_to_probe(plan.versions, plan.policy), plan.engine,
                          on_progress);
  auto analysis = analyze_report(std::move(report), plan.policy, plan.certificates, std::move(registry.report));
  analysis.registry_error = std::move(registry.error);
  return analysis;
}

}  // namespace tlsprobe
