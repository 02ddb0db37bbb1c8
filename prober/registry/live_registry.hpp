#pragma once
// This machine's registry, read into the same RegSnapshot a .reg export gives (Windows only).
#ifdef _WIN32
#include <optional>

#include "registry/os_build.hpp"
#include "registry/snapshot.hpp"

namespace tlsprobe::registry {

// The keys and values read_settings looks at, under the same paths an export uses: the
// WOW6432Node paths through the 32-bit view (KEY_WOW64_32KEY), the others through the 64-bit
// view (KEY_WOW64_64KEY), so a 32-bit tlsprobe.exe is not redirected and reads what a 64-bit
// program gets. Keys that do not exist are simply absent.
RegSnapshot read_live_registry();

// RtlGetVersion's build number: GetVersionEx lies to programs without a manifest (it reports
// 9200 from Windows 8.1 on), RtlGetVersion does not. nullopt if ntdll lacks it.
std::optional<OsBuild> live_os_build();

}  // namespace tlsprobe::registry
#endif
