#pragma once
// Reading the registry report from where the settings live: .reg exports applied in order (as
// importing them one after another would), or, with no file on Windows, the live registry
// and RtlGetVersion's build. `tlsprobe registry` and the diagnosis join both start here.
#include <string>
#include <vector>

#include "registry/report.hpp"

namespace tlsprobe::registry {

// Throws UsageError: an unreadable or malformed file ("FILE:LINE: reason"), or no file on a
// platform without a registry ("no live registry on this platform: pass --file EXPORT.reg").
RegistryReport read_registry(const std::vector<std::string>& files);

}  // namespace tlsprobe::registry
