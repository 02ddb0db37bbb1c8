#include "engine/attempt_rules.hpp"

namespace tlsprobe {

bool retryable(const Outcome& o) {
  return o.error.cls == ErrorClass::reset || o.error.cls == ErrorClass::timeout || o.error.cls == ErrorClass::closed;
}

bool out_of_descriptors(const Outcome& o) {
  return o.error.cls == ErrorClass::local && o.error.phase == Phase::connect &&
         (o.error.posix_errno == 24 || o.error.posix_errno == 23);  // EMFILE, ENFILE
}

std::string fault_text(std::exception_ptr fault) {
  try {
    std::rethrow_exception(fault);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
  }
  return "unknown exception";
}

}  // namespace tlsprobe
