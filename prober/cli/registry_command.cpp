#include "cli/registry_command.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "cli/report_output.hpp"
#include "cli/terminal.hpp"
#include "core/errors.hpp"
#include "registry/audit.hpp"
#include "registry/fix_file.hpp"
#include "render/registry_report.hpp"
#include "registry/source.hpp"

namespace tlsprobe {

using namespace registry;

namespace {

void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  const auto cannot = [&](int err) {
    return UsageError("cannot write fix file " + path + ": " + std::strerror(err));
  };
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) throw cannot(errno != 0 ? errno : EACCES);
  if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) throw cannot(errno != 0 ? errno : EIO);
  if (std::fclose(file.release()) != 0) throw cannot(errno != 0 ? errno : EIO);
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a == b || std::filesystem::equivalent(a, b, ec);
}

std::string fix_note(const RegistryReport& report, const std::string& out) {
  std::string from = report.live ? "this machine's registry" : "";
  for (const auto& f : report.files) from += (from.empty() ? "" : ", then ") + f.path;
  return "Written by tlsprobe " TLSPROBE_VERSION " from " + from +
         ".\nIt sets only the values below and touches nothing else.\nImport it as administrator (reg import " + out +
         "), then restart Windows: SChannel and .NET read these values at start.";
}

}  // namespace

void add_registry_command(CLI::App& app, RegistryArgs& args) {
  auto* cmd = app.add_subcommand(
      "registry", "Audit the SChannel, .NET and WinHTTP settings that decide whether this machine offers TLS 1.2");
  one_per_use(cmd->add_option("--file", args.files,
                  "a .reg export to read instead of the live registry (repeat to apply several in order)"));
  cmd->add_option("--format", args.format, "table | json (default: table on a terminal, json otherwise)")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--fix-file", args.fix_file, "write a .reg that applies only the needed changes");
}

int run_registry_command(const RegistryArgs& args) {
  for (const auto& in : args.files)
    if (!args.fix_file.empty() && same_file(in, args.fix_file))
      throw UsageError("--fix-file " + args.fix_file + " would overwrite the export it is read from");
  const RegistryReport report = read_registry(args.files);
  if (!args.fix_file.empty()) {
    write_file(args.fix_file, fix_file_bytes(report.findings, fix_note(report, args.fix_file)));
    const auto doc = fix_document(report.findings);
    std::size_t values = 0;
    for (const auto& k : doc.keys) values += k.values.size();
    std::cerr << "tlsprobe: wrote " << args.fix_file << ": " << values << " value" << (values == 1 ? "" : "s")
              << " in " << doc.keys.size() << " key" << (doc.keys.size() == 1 ? "" : "s") << "\n";
  }
  const std::string format = !args.format.empty() ? args.format : (is_tty(stdout) ? "table" : "json");
  write_report(format == "json" ? render_registry_json(report) : render_registry_table(report));
  return blocks_azure_backup(report.findings) ? exit_finding : exit_ok;
}

}  // namespace tlsprobe
