#pragma once
// How much a finding matters, shared by every kind of finding (registry, certificates) so
// scripts read one vocabulary.
#include <string_view>

namespace tlsprobe {

enum class Severity { error, warning, info };

std::string_view to_string(Severity s);  // "error", "warning", "info"

}  // namespace tlsprobe
