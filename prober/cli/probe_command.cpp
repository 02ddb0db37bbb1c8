#include "cli/probe_command.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include "analysis/analysis.hpp"
#include "catalog/selection.hpp"
#include "cli/app.hpp"
#include "cli/options.hpp"
#include "cli/report_output.hpp"
#include "cli/resolve_option.hpp"
#include "core/duration.hpp"
#include "core/errors.hpp"
#include "core/target.hpp"
#include "net/descriptors.hpp"
#include "render/analysis.hpp"
#include "render/csv.hpp"
#include "render/pcap.hpp"
#include "render/policy.hpp"

namespace tlsprobe {
namespace {

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
  cmd->add_option("--concurrency", args.concurrency,
                  "attempts in flight at once (default: what the descriptor limit allows, at most 4096)");
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
  add_display_options(*cmd, args.display);
  cmd->add_flag("--show-hello", args.show_hello,
                "after the verdicts, the ClientHello each backend really sent per version: suites, groups, "
                "signature algorithms, extensions, JA4 and JA3 (always in the JSON)");
  cmd->add_flag("--ciphers", args.ciphers,
                "after the matrix, the raw backend lists the cipher suites each address accepts per accepted "
                "version (one connection per suite); a stack that fails for want of a common suite is then "
                "named as the cause");
  cmd->add_option("--require-ciphers", args.require_ciphers,
                  "suite patterns (GCM, ECDHE, or an IANA name) one of which every accepted endpoint/address and "
                  "version must accept (exit 1 if not; turns on --ciphers)");
  cmd->add_option("--forbid-ciphers", args.forbid_ciphers,
                  "suite patterns (3DES,RC4,CBC,NULL,EXPORT, or IANA names) no endpoint/address may accept "
                  "(exit 1 if one does; turns on --ciphers)");
  cmd->add_option("--pcap", args.pcap,
                  "write every attempt's bytes, both ways, to this pcapng file (one TCP stream per attempt, "
                  "its first packet commented with backend and version); with SSLKEYLOGFILE Wireshark "
                  "decrypts the OpenSSL sessions");
  cmd->add_option("--openssl-ciphers", args.openssl_ciphers,
                  "OpenSSL backend: its cipher list for TLS 1.0 to 1.2 (OpenSSL syntax), to see what a machine "
                  "with fewer suites gets");
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
  if (args.concurrency) positive(*args.concurrency, "--concurrency", 1);
  // More sockets at once than this from one process is a flood, not a probe.
  if (args.concurrency.value_or(0) > max_concurrency)
    throw UsageError("--concurrency must be at most " + std::to_string(max_concurrency));
  // Never more sockets than descriptors: an attempt that cannot get one would be reported as
  // this machine's socket error, not the server's answer.
  const auto descriptors = raise_descriptor_limit();
  const auto choice = choose_concurrency(args.concurrency.value_or(0), descriptors);
  if (choice.clamped)
    std::cerr << "tlsprobe: --concurrency " << *args.concurrency << " needs more than the " << *descriptors
              << " file descriptors this process may open: " << choice.concurrency << " at once\n";
  options.concurrency = choice.concurrency;
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

// How the run ended: an internal fault outranks a finding (the report is incomplete, and
// says where).
int exit_code(const Analysis& analysis) {
  if (analysis.faulted()) {
    std::cerr << "tlsprobe: internal errors in some attempts (status error in the report); please report them\n";
    return exit_internal;
  }
  return analysis.policy_passed() ? exit_ok : exit_finding;
}

}  // namespace

int run_probe_command(const ProbeArgs& args) {
  // Every input is checked before the first packet: a typo costs nothing, not a whole run.
  Plan plan;
  plan.engine = engine_options(args);
  // Ten years is already longer than any certificate a public CA issues today.
  if (args.expiry_warning_days > 3650) throw UsageError("--expiry-warning must be at most 3650 days");
  plan.certificates.expiry_warning_days = positive(args.expiry_warning_days, "--expiry-warning", 0);
  if (!args.http_check.empty())
    plan.engine.http_check = HttpCheckConfig{http_path(args.http_check), plan.engine.handshake_timeout};
  plan.policy = make_policy(args.require, args.forbid);
  add_cipher_rules(plan.policy, args.require_ciphers, args.forbid_ciphers);
  plan.versions = parse_version_list(args.versions);
  plan.targets = select_targets({args.catalog, args.clouds, args.groups, args.targets_files, args.targets});
  plan.registry.files = args.registry_files;
  plan.backend_config.ca_file = args.ca_file;
  plan.backend_config.large_hello = args.raw_hello == "large";
  plan.backend_config.openssl_ciphers = args.openssl_ciphers;
  // As curl and browsers do: the OpenSSL backend's session secrets, for Wireshark.
  if (const char* keylog = std::getenv("SSLKEYLOGFILE"); keylog != nullptr) plan.backend_config.keylog_file = keylog;
  // Every accepted suite, not only the negotiated one, decides a cipher rule.
  plan.engine.cipher_scan = args.ciphers || plan.policy.has_cipher_rules();
  if (!args.backends.empty()) plan.backends = split_backend_list(args.backends);

  // Opened before the first packet: a path that cannot be written costs nothing on the wire.
  std::ofstream pcap;
  if (!args.pcap.empty()) {
    pcap.open(args.pcap, std::ios::binary | std::ios::trunc);
    if (!pcap) throw UsageError("cannot write the capture file " + args.pcap + " (--pcap)");
    plan.engine.capture_wire = true;
  }

  Analysis analysis;
  {
    ProgressLine progress;
    analysis = analyze(plan, [&](const Progress& p) { progress.update(p); });
  }
  if (pcap.is_open()) {
    const auto bytes = render_pcapng(analysis.report);
    pcap.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    pcap.close();
    if (!pcap) std::cerr << "tlsprobe: writing the capture file " << args.pcap << " failed\n";
  }
  if (!analysis.registry_error.empty())
    std::cerr << "tlsprobe: registry not read, verdicts cannot name local causes: " << analysis.registry_error << "\n";
  const std::string format = output_format(args.format);
  std::string text;
  if (format == "json")
    text = render_analysis_json(analysis);
  else if (format == "csv")
    text = render_csv(analysis.report);
  else {
    auto style = table_style(args.display);
    style.show_hello = args.show_hello;
    text = render_analysis_table(analysis, style);
  }
  write_report(text);
  if (!analysis.policy_passed()) std::cerr << render_violations(analysis.violations);
  return exit_code(analysis);
}

}  // namespace tlsprobe
