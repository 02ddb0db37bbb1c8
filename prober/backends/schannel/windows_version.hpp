#pragma once
// Which Windows (or Wine) this process runs on: SChannel's abilities follow the OS build,
// not the build of this exe.
#include <string>

namespace tlsprobe::schannel {

struct WindowsVersion {
  unsigned long major = 0;
  unsigned long minor = 0;
  unsigned long build = 0;
  std::string wine;  // "8.0" under Wine, empty on Windows
};

// The real version (RtlGetVersion: GetVersionEx lies to programs without a manifest).
WindowsVersion windows_version();

// Windows 11 / Server 2022 and later: SChannel negotiates TLS 1.3 through SCH_CREDENTIALS.
inline constexpr unsigned long first_tls13_build = 20348;

}  // namespace tlsprobe::schannel
