#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/probe_command.hpp"
#include "cli/registry_command.hpp"
#include "cli/selftest_command.hpp"
#include "core/errors.hpp"

namespace tlsprobe {

int run_cli(int argc, char** argv) {
  CLI::App app{"tlsprobe: which TLS versions do Azure Backup endpoints accept, and why does this machine fail?"};
  app.set_version_flag("--version", std::string("tlsprobe ") + TLSPROBE_VERSION);
  app.require_subcommand(1);
  ProbeArgs probe;
  add_probe_command(app, probe);
  RegistryArgs registry;
  add_registry_command(app, registry);
  SelftestArgs selftest;
  add_selftest_command(app, selftest);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }
  try {
    if (app.got_subcommand("probe")) return run_probe_command(probe);
    if (app.got_subcommand("registry")) return run_registry_command(registry);
    if (app.got_subcommand("selftest")) return run_selftest_command(selftest);
  } catch (const UsageError& e) {
    std::cerr << "tlsprobe: " << e.what() << "\n";
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "tlsprobe: internal error: " << e.what() << "\n";
    return exit_internal;
  }
  return exit_usage;
}

}  // namespace tlsprobe
