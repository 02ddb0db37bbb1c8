#include "cli/selftest_command.hpp"

#include <iostream>

#include "analysis/selftest.hpp"
#include "backends/registry.hpp"
#include "cli/app.hpp"
#include "cli/options.hpp"
#include "cli/report_output.hpp"
#include "core/errors.hpp"
#include "render/json.hpp"
#include "render/selftest.hpp"

namespace tlsprobe {

void add_selftest_command(CLI::App& app, SelftestArgs& args) {
  auto* cmd = app.add_subcommand(
      "selftest", "Which versions can this machine's TLS stacks speak? Tested on loopback, no network needed");
  cmd->add_option("--backend", args.backends, "TLS stacks to test, comma-separated (default: every one built)");
  cmd->add_option("--format", args.format, "table | json (default: table on a terminal, json otherwise)")
      ->check(CLI::IsMember({"table", "json"}));
  add_display_options(*cmd, args.display);
}

int run_selftest_command(const SelftestArgs& args) {
  const auto result =
      run_selftest(args.backends.empty() ? std::vector<std::string>{} : split_backend_list(args.backends));
  const std::string text = output_format(args.format) == "json" ? dump_json(selftest_to_json(result))
                                                                 : render_selftest_table(result, table_style(args.display));
  write_report(text);
  return every_backend_speaks(result, Version::tls1_2) ? exit_ok : exit_finding;
}

}  // namespace tlsprobe
