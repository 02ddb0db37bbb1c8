#pragma once
// The registry report: where the settings came from, the settings, the findings; rendered as
// a table for people and as JSON for scripts (and the diagnosis join).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "registry/audit.hpp"
#include "registry/settings.hpp"

namespace tlsprobe::registry {

struct SourceFile {
  std::string path;
  RegFormat format = RegFormat::version5;
  TextEncoding encoding = TextEncoding::utf16le_bom;
};

struct RegistryReport {
  bool live = false;               // read from this machine's registry (Windows only)
  std::vector<SourceFile> files;   // else these .reg files, applied in order
  Settings settings;
  std::vector<Finding> findings;
};

// {tool, version, source, os, schannel, dotnet, winhttp, findings, blocks_azure_backup}
nlohmann::ordered_json registry_to_json(const RegistryReport& report);
std::string render_registry_json(const RegistryReport& report);

// Rows per SChannel protocol, .NET and WinHTTP view, then the findings with their fixes and a
// one-line verdict. Plain ASCII, lines wrapped at 100 columns.
std::string render_registry_table(const RegistryReport& report);

// Display words shared by the table: "disabled by default", "if asked", "TLS 1.0, TLS 1.2".
std::string_view state_words(ClientState s);
std::string_view offer_words(Offer o);
std::string protocol_list(const std::vector<std::string>& tokens);

}  // namespace tlsprobe::registry
