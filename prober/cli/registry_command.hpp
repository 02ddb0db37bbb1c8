#pragma once
// tlsprobe registry [--file EXPORT.reg]... [--format table|json] [--fix-file OUT.reg]
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace tlsprobe {

struct RegistryArgs {
  std::vector<std::string> files;  // applied in order, as importing them one after another would
  std::string format;              // empty: table on a terminal, json otherwise
  std::string fix_file;
};

void add_registry_command(CLI::App& app, RegistryArgs& args);
// 0: nothing blocks TLS 1.2 for Azure Backup; 1: something does; throws UsageError (exit 2)
// for a missing or malformed file.
int run_registry_command(const RegistryArgs& args);

}  // namespace tlsprobe
