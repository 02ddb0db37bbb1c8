#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"

namespace tlsprobe {

// Flags as typed; turned into engine options and targets only after parsing, so every
// bad value is reported the same way (exit 2, the flag named).
struct ProbeArgs {
  std::vector<std::string> targets;
  std::string backends;
  std::string versions = "ssl3.0,tls1.0,tls1.1,tls1.2,tls1.3";
  std::string format;  // empty: table on a terminal, json otherwise
  std::string catalog;
  std::vector<std::string> clouds;
  std::vector<std::string> groups;
  std::vector<std::string> targets_files;
  std::string connect_timeout = "5s";
  std::string timeout = "10s";
  int retries = 0;
  std::optional<int> concurrency;  // unset: sized to the descriptors this process may open (net/descriptors.hpp)
  int per_host = 10;
  std::string addresses = "all";
  std::string sni;
  std::string ca_file;
  std::string require;
  std::string forbid;
  DisplayArgs display;
  bool show_hello = false;
  bool ciphers = false;
  std::string require_ciphers;
  std::string forbid_ciphers;
  std::string openssl_ciphers;
  std::string pcap;
  std::string raw_hello = "small";
  std::string proxy;
  std::vector<std::string> registry_files;
  std::vector<std::string> resolve;
  std::string http_check;        // --http-check [PATH]: empty when not given
  int expiry_warning_days = 30;  // --expiry-warning DAYS
};

void add_probe_command(CLI::App& app, ProbeArgs& args);
int run_probe_command(const ProbeArgs& args);

}  // namespace tlsprobe
