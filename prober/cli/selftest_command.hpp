#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "cli/options.hpp"

namespace tlsprobe {

struct SelftestArgs {
  std::string backends;
  std::string format;  // empty: table on a terminal, json otherwise
  DisplayArgs display;
};

void add_selftest_command(CLI::App& app, SelftestArgs& args);
int run_selftest_command(const SelftestArgs& args);

}  // namespace tlsprobe
