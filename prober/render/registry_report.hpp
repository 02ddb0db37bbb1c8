#pragma once
// The registry report written out: the `registry` command's table and JSON, and the findings
// section a probe's JSON carries.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "registry/report.hpp"

namespace tlsprobe::registry {

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
