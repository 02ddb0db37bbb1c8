#pragma once
// Registry key paths as .reg files and reg.exe spell them. The registry compares names without
// regard to case, and reg.exe accepts "HKLM" where regedit writes "HKEY_LOCAL_MACHINE": both
// must name the same key here.
#include <string>
#include <string_view>

namespace tlsprobe::registry {

struct NormalizedPath {
  std::string path;   // root spelled out ("HKEY_LOCAL_MACHINE\..."), the rest as written
  std::string error;  // non-empty: why the path was refused
};

// "HKLM\SYSTEM\X" and "hkey_local_machine\SYSTEM\X" -> "HKEY_LOCAL_MACHINE\SYSTEM\X".
// Refuses an unknown root and empty names ("A\\B", a trailing '\').
NormalizedPath normalize_key_path(std::string_view text);

// ASCII case folding: the key names we look up are ASCII; other letters compare as written.
std::string fold(std::string_view text);

// "HKEY_LOCAL_MACHINE\X" -> "HKLM\X" for display.
std::string short_key_path(std::string_view normalized);

// `parent` itself or a key below it (both normalized).
bool is_same_or_below(std::string_view key, std::string_view parent);

}  // namespace tlsprobe::registry
