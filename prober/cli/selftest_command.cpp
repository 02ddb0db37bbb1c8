#include "cli/selftest_command.hpp"

#include <iostream>
#include <map>

#include "backends/registry.hpp"
#include "cli/app.hpp"
#include "core/errors.hpp"
#include "render/json.hpp"
#include "render/selftest.hpp"
#include "selftest/selftest.hpp"

namespace tlsprobe {

void add_selftest_command(CLI::App& app, SelftestArgs& args) {
  auto* cmd = app.add_subcommand(
      "selftest", "Which versions can this machine's TLS stacks speak? Tested on loopback, no network needed");
  cmd->add_option("--backend", args.backends, "TLS stacks to test, comma-separated (default: every one built)");
  cmd->add_option("--format", args.format, "table | json (default: table on a terminal, json otherwise)")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--color", args.color, "auto | always | never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{
              {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case));
  cmd->add_flag("--ascii", args.ascii, "plain ASCII symbols in the table");
}

int run_selftest_command(const SelftestArgs& args) {
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<Backend*> backends;
  for (const auto& name : args.backends.empty() ? built_backends() : split_backend_list(args.backends)) {
    owned.push_back(make_backend(name, BackendConfig{}));
    backends.push_back(owned.back().get());
  }
  const auto result = selftest::run(backends);
  const std::string format = !args.format.empty() ? args.format : (is_tty(stdout) ? "table" : "json");
  if (format == "json") {
    std::cout << dump_json(selftest_to_json(result));
  } else {
    TableStyle style;
    style.color = use_color(args.color, stdout);
    style.unicode = !args.ascii && locale_is_utf8();
    std::cout << render_selftest_table(result, style);
  }
  // TLS 1.2 is what Azure Backup needs; a stack that cannot speak it here never will there.
  for (auto* b : backends)
    if (!result.speaks(std::string(b->name()), Version::tls1_2)) return exit_finding;
  return exit_ok;
}

}  // namespace tlsprobe
