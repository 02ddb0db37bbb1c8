#include "cli/probe_command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "backends/registry.hpp"
#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/options.hpp"
#include "cli/resolve_option.hpp"
#include "core/duration.hpp"
#include "core/errors.hpp"
#include "core/target.hpp"
#include "diagnosis/certificates.hpp"
#include "diagnosis/connectivity.hpp"
#include "diagnosis/disagreement.hpp"
#include "diagnosis/local_facts.hpp"
#include "diagnosis/verdict.hpp"
#include "registry/source.hpp"
#include "engine/engine.hpp"
#include "policy/policy.hpp"
#include "render/csv.hpp"
#include "render/json.hpp"
#include "render/table.hpp"
#include "render/verdicts.hpp"

namespace tlsprobe {
namespace {

std::vector<Target> collect_targets(const ProbeArgs& args) {
  std::vector<Target> targets;
  // The catalog is the default; naming hosts replaces it unless a catalog flag asks for it too.
  const bool want_catalog = (args.targets.empty() && args.targets_files.empty()) || !args.catalog.empty() ||
                            !args.clouds.empty() || !args.groups.empty();
  if (want_catalog) {
    const Catalog file_catalog = args.catalog.empty() ? Catalog{} : load_catalog_file(args.catalog);
    const Catalog& catalog = args.catalog.empty() ? embedded_catalog() : file_catalog;
    targets = select_endpoints(catalog, args.clouds, args.groups);
  }
  for (const auto& file : args.targets_files) {
    auto more = load_targets_file(file);
    targets.insert(targets.end(), more.begin(), more.end());
  }
  for (const auto& text : args.targets) targets.push_back(parse_target(text));
  // The same host:port twice would only double the load on it.
  std::vector<Target> unique;
  for (auto& t : targets) {
    const bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const Target& u) { return u.host == t.host && u.port == t.port; });
    if (!seen) unique.push_back(std::move(t));
  }
  if (unique.empty()) throw UsageError("nothing to probe: the selection matched no endpoint");
  return unique;
}

// --registry files, or on Windows the live registry. A bad file is the user's error (exit 2);
// a live registry that cannot be read only costs the local verdicts.
std::optional<registry::RegistryReport> read_registry_for_diagnosis(const std::vector<std::string>& files) {
  if (!files.empty()) return registry::read_registry(files);
#ifdef _WIN32
  try {
    return registry::read_registry({});
  } catch (const std::exception& e) {
    std::cerr << "tlsprobe: registry not read, verdicts cannot name local causes: " << e.what() << "\n";
  }
#endif
  return std::nullopt;
}

constexpr int max_concurrency = 10000;

int positive(int value, const char* flag, int min) {
  if (value < min) throw UsageError(std::string(flag) + " must be at least " + std::to_string(min));
  return value;
}

// --http-check PATH: an origin-form request target (RFC 9112 3.2.1). A value without the
// leading slash is almost always a target that CLI11 took as the optional path.
std::string http_path(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.find_first_of(" \t\r\n") != std::string::npos)
    throw UsageError("--http-check takes a path such as / or /health, not '" + path +
                     "' (name targets before --http-check, or write --http-check=/)");
  return path;
}

}  // namespace

void add_probe_command(CLI::App& app, ProbeArgs& args) {
  auto* cmd = app.add_subcommand("probe", "Force each protocol version against each endpoint and address");
  cmd->add_option("targets", args.targets, "host, host:port or [v6addr]:port (default: the Azure Backup catalog)");
  cmd->add_option("--backend", args.backends, "TLS stacks to use, comma-separated (default: every one built)");
  cmd->add_option("--versions", args.versions, "versions to force: ssl3.0,tls1.0,tls1.1,tls1.2,tls1.3")
      ->capture_default_str();
  cmd->add_option("--format", args.format, "table | json | csv (default: table on a terminal, json otherwise)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--catalog", args.catalog, "endpoint catalog file instead of the embedded one");
  one_per_use(cmd->add_option("--cloud", args.clouds, "only catalog endpoints of this cloud (public, usgov, china)")
      ->delimiter(','));
  one_per_use(cmd->add_option("--group", args.groups, "only catalog endpoints of this group")->delimiter(','));
  one_per_use(cmd->add_option("--targets-file", args.targets_files, "file with one target per line (# comments)"));
  cmd->add_option("--connect-timeout", args.connect_timeout, "deadline for the TCP connect")->capture_default_str();
  cmd->add_option("--timeout", args.timeout, "deadline for the TLS handshake")->capture_default_str();
  cmd->add_option("--retries", args.retries, "re-run an attempt that failed by reset, timeout or close")
      ->capture_default_str();
  cmd->add_option("--concurrency", args.concurrency, "attempts in flight at once")->capture_default_str();
  cmd->add_option("--per-host", args.per_host, "attempts in flight at once against one address")
      ->capture_default_str();
  cmd->add_option("--addresses", args.addresses,
                  "all: every address of the families this machine has (IPv4-only hosts skip AAAA), "
                  "all-families: every A and AAAA record, first: the first address only")
      ->check(CLI::IsMember({"all", "all-families", "first"}))
      ->capture_default_str();
  one_per_use(cmd->add_option("--resolve", args.resolve,
                  "host:port:addr[,addr...]: probe these addresses for host:port instead of asking DNS"));
  one_per_use(cmd->add_option("--registry", args.registry_files,
                  "reg export(s) of this machine's SCHANNEL, .NETFramework and WinHttp keys: failing cells get "
                  "a local verdict and the fix (read live on Windows when not given)"));
  cmd->add_option("--proxy", args.proxy,
                  "HTTP CONNECT proxy http://[user:pass@]host:port (default: HTTPS_PROXY; NO_PROXY honoured)");
  cmd->add_option("--sni", args.sni, "server name to send instead of the host name");
  cmd->add_option("--ca-file", args.ca_file, "PEM trust anchors instead of the system store");
  cmd->add_option("--require", args.require, "versions every endpoint/address must accept (exit 1 if not)");
  cmd->add_option("--forbid", args.forbid, "versions no endpoint/address may accept (exit 1 if one does)");
  cmd->add_option("--color", args.color, "auto | always | never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{
              {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case));
  cmd->add_flag("--ascii", args.ascii, "plain ASCII symbols in the table");
  cmd->add_option("--raw-hello", args.raw_hello,
                  "raw backend hello size: small (under 512 bytes; some middleboxes reset larger ones) | large")
      ->check(CLI::IsMember({"small", "large"}))
      ->capture_default_str();
  cmd->add_option("--http-check", args.http_check,
                  "after an accepted handshake send HEAD PATH (default /) and report the answer (openssl, schannel)")
      ->expected(0, 1)
      ->type_name("[PATH]")
      ->default_str("/");
  cmd->add_option("--expiry-warning", args.expiry_warning_days,
                  "certificates that expire within DAYS days are a finding (0..3650)")
      ->type_name("DAYS")
      ->capture_default_str();
}

namespace {

EngineOptions engine_options(const ProbeArgs& args) {
  EngineOptions options;
  options.connect_timeout = parse_duration(args.connect_timeout);
  options.handshake_timeout = parse_duration(args.timeout);
  options.retries = positive(args.retries, "--retries", 0);
  options.concurrency = positive(args.concurrency, "--concurrency", 1);
  // More sockets at once than this from one process is a flood, not a probe.
  if (options.concurrency > max_concurrency)
    throw UsageError("--concurrency must be at most " + std::to_string(max_concurrency));
  options.per_host = positive(args.per_host, "--per-host", 1);
  options.addresses = args.addresses == "first"          ? AddressMode::first
                      : args.addresses == "all-families" ? AddressMode::all_families
                                                         : AddressMode::all;
  options.sni = args.sni;
  if (!args.sni.empty()) {
    // SNI carries a DNS name only (RFC 6066 3): no port, no address literal.
    const auto name = parse_target(args.sni);
    if (name.label != name.host || is_ip_literal(name.host))
      throw UsageError("--sni takes a host name, not '" + args.sni + "'");
  }
  const auto proxy = proxy_settings_from_environment(
      args.proxy.empty() ? std::nullopt : std::optional(parse_proxy_url(args.proxy)));
  options.proxy = proxy.proxy;
  options.no_proxy = proxy.no_proxy;
  for (const auto& text : args.resolve) {
    auto entry = parse_resolve(text);
    options.resolve[{entry.host, entry.port}] = std::move(entry.addresses);
  }
  return options;
}

// Every version a policy names is probed even when --versions leaves it out: a rule about a
// version nobody tried could only fail.
std::vector<Version> planned_versions(const ProbeArgs& args, const Policy& policy) {
  auto versions = parse_version_list(args.versions);
  for (const auto& list : {policy.require, policy.forbid})
    for (const auto v : list)
      if (std::find(versions.begin(), versions.end(), v) == versions.end()) versions.push_back(v);
  std::sort(versions.begin(), versions.end());
  return versions;
}

// What the results mean together, computed once for whichever format is written.
struct Analysis {
  std::vector<AddressNote> unreachable_addresses;
  std::vector<Disagreement> disagreements;
  std::vector<Verdict> verdicts;
  std::vector<Violation> violations;
  std::vector<CertificateFinding> certificate_findings;
};

void write_report(const ProbeArgs& args, const Report& report, const Analysis& analysis, const Policy& policy,
                  const std::optional<registry::RegistryReport>& registry) {
  const std::string format = !args.format.empty() ? args.format : (is_tty(stdout) ? "table" : "json");
  if (format == "json") {
    nlohmann::ordered_json extra;
    extra["disagreements"] = disagreements_to_json(analysis.disagreements);
    extra["verdicts"] = verdicts_to_json(analysis.verdicts);
    extra["unreachable_addresses"] = address_notes_to_json(analysis.unreachable_addresses);
    extra["certificate_findings"] = certificate_findings_to_json(analysis.certificate_findings);
    if (!policy.empty()) extra["policy"] = policy_to_json(policy, analysis.violations);
    if (registry) extra["registry_findings"] = registry::registry_to_json(*registry)["findings"];
    std::cout << render_json(report, extra);
  } else if (format == "csv") {
    std::cout << render_csv(report);
  } else {
    TableStyle style;
    style.color = use_color(args.color, stdout);
    style.unicode = !args.ascii && locale_is_utf8();
    for (const auto& d : analysis.disagreements)
      for (const auto& [backend, status] : d.outcomes) style.marked.insert(CellKey{d.endpoint, d.address, backend, d.version});
    style.marked_legend = "backends disagree: one saw the version accepted, another did not (see each backend's row)";
    style.certificate_findings = analysis.certificate_findings;
    std::cout << render_table(report, style) << "\n" << render_verdicts(analysis.verdicts, analysis.unreachable_addresses);
  }
  std::cout.flush();
}

// An internal fault outranks a finding: the report is incomplete, and says where.
int exit_code(const Report& report, const std::vector<Violation>& violations) {
  const bool faulted = std::any_of(report.results.begin(), report.results.end(),
                                   [](const AttemptResult& r) { return r.outcome.status == Status::error; });
  if (faulted) {
    std::cerr << "tlsprobe: internal errors in some attempts (status error in the report); please report them\n";
    return exit_internal;
  }
  return violations.empty() ? exit_ok : exit_finding;
}

}  // namespace

int run_probe_command(const ProbeArgs& args) {
  // Every input is checked before the first packet: a typo costs nothing, not a whole run.
  auto options = engine_options(args);
  // Ten years is already longer than any certificate a public CA issues today.
  if (args.expiry_warning_days > 3650) throw UsageError("--expiry-warning must be at most 3650 days");
  const CertificateCheckOptions certificate_checks{positive(args.expiry_warning_days, "--expiry-warning", 0)};
  if (!args.http_check.empty()) options.http_check = HttpCheckConfig{http_path(args.http_check), options.handshake_timeout};
  const Policy policy = make_policy(args.require, args.forbid);
  const auto versions = planned_versions(args, policy);
  const auto targets = collect_targets(args);
  const auto registry = read_registry_for_diagnosis(args.registry_files);

  BackendConfig config;
  config.ca_file = args.ca_file;
  config.large_hello = args.raw_hello == "large";
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<Backend*> backends;
  for (const auto& name : args.backends.empty() ? built_backends() : split_backend_list(args.backends)) {
    owned.push_back(make_backend(name, config));
    backends.push_back(owned.back().get());
  }

  Report report;
  {
    ProgressLine progress;
    report = run_probe(targets, backends, versions, options, [&](const Progress& p) { progress.update(p); });
  }
  Analysis analysis;
  analysis.unreachable_addresses = unreachable_addresses(report);
  analysis.disagreements = find_disagreements(report);
  analysis.verdicts = diagnose(report, registry ? std::optional(local_facts_from(*registry)) : std::nullopt);
  analysis.violations = check_policy(report, policy);
  analysis.certificate_findings = find_certificate_findings(report, certificate_checks);
  write_report(args, report, analysis, policy, registry);

  if (!analysis.violations.empty()) std::cerr << render_violations(analysis.violations);
  return exit_code(report, analysis.violations);
}

}  // namespace tlsprobe
