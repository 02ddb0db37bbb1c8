#include "backends/schannel/windows_version.hpp"

#include <windows.h>

namespace tlsprobe::schannel {
namespace {

// GetProcAddress returns a generic function pointer; going through void(*)() is the cast
// GCC's -Wcast-function-type accepts as deliberate.
template <typename Fn>
Fn ntdll_function(const char* name) {
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  if (ntdll == nullptr) return nullptr;
  return reinterpret_cast<Fn>(reinterpret_cast<void (*)()>(GetProcAddress(ntdll, name)));
}

}  // namespace

WindowsVersion windows_version() {
  WindowsVersion v;
  using RtlGetVersionFn = LONG(WINAPI*)(RTL_OSVERSIONINFOW*);
  if (const auto get = ntdll_function<RtlGetVersionFn>("RtlGetVersion")) {
    RTL_OSVERSIONINFOW info{};
    info.dwOSVersionInfoSize = sizeof info;
    if (get(&info) == 0) {
      v.major = info.dwMajorVersion;
      v.minor = info.dwMinorVersion;
      v.build = info.dwBuildNumber;
    }
  }
  // Wine's ntdll exports wine_get_version; Windows' does not. Wine reports whatever Windows
  // version the prefix is set to, so the build number alone cannot tell.
  using WineVersionFn = const char*(CDECL*)();
  if (const auto wine = ntdll_function<WineVersionFn>("wine_get_version")) v.wine = wine();
  return v;
}

}  // namespace tlsprobe::schannel
