#include "core/severity.hpp"

namespace tlsprobe {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "info";
}

}  // namespace tlsprobe
