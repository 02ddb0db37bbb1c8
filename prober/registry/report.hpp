#pragma once
// The registry report: where the settings came from, the settings, the findings. Plain data:
// render/registry_report.hpp writes it as a table for people and as JSON for scripts.
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

}  // namespace tlsprobe::registry
