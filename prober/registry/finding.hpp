#pragma once
// One thing the registry audit found: what is wrong for Azure Backup and the registry lines
// that fix it. Ids are stable (scripts and the diagnosis join key on them); the protocol says
// which column of a probe matrix the finding explains.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/severity.hpp"
#include "core/version.hpp"
#include "registry/reg_value.hpp"

namespace tlsprobe::registry {

using tlsprobe::Severity;
using tlsprobe::to_string;

// Set one value: a DWORD (SChannel, .NET and WinHTTP switches) or, for the cipher suite and
// curve order policy, a REG_SZ (Functions: one comma-separated line) or a REG_MULTI_SZ
// (EccCurves: one name per string).
struct RegChange {
  std::string key;  // normalized path
  std::string name;
  std::uint32_t value = 0;               // the DWORD
  std::uint32_t type = 4;                // REG_DWORD; 1 REG_SZ, 7 REG_MULTI_SZ
  std::vector<std::string> strings = {};  // REG_SZ: one string; REG_MULTI_SZ: each

  bool operator==(const RegChange&) const = default;
};

// id ("schannel.tls1_2.client.disabled"), severity and message are the shared part.
struct Finding : tlsprobe::Finding {
  std::optional<Version> protocol;
  std::vector<RegChange> changes;  // the registry part of the fix (what --fix-file writes)
  std::string advice;              // the part no registry line can do: "install KB3140245"

  bool operator==(const Finding&) const = default;
};

// The value a change writes.
RegValue change_value(const RegChange& c);

// The advice, then the changes as .reg lines ([KEY] then "Name"=dword:...), '\n'-separated.
std::string fix_text(const Finding& f);

// Azure Backup needs TLS 1.2 from this machine: any error about TLS 1.2 blocks it.
bool blocks_azure_backup(const std::vector<Finding>& findings);

// The findings that explain one column of a probe matrix, in audit order.
std::vector<const Finding*> findings_for(const std::vector<Finding>& findings, Version v);

}  // namespace tlsprobe::registry
