#include "engine/attempt_rules.hpp"

namespace tlsprobe {

bool retryable(const Outcome& o) {
  return o.error.cls == ErrorClass::reset || o.error.cls == ErrorClass::timeout || o.error.cls == ErrorClass::closed;
}

bool out_of_descriptors(const Outcome& o) {
  return o.error.cls == ErrorClass::local && o.error.phase == Phase::connect &&
         (o.error.posix_errno == 24 || o.error.posix_errno == 23);  // EMFILE, ENFILE
}

bool decides_address(const Outcome& o) {
  return o.status == Status::unreachable && o.error.phase == Phase::connect &&
         (o.error.cls == ErrorClass::refused || o.error.cls == ErrorClass::timeout);
}

void blame_proxy(Outcome& o, const std::string& proxy) {
  if (o.error.cls == ErrorClass::local) return;
  o.error.cls = ErrorClass::proxy;
  o.error.phase = Phase::proxy;
  o.error.message = "proxy " + proxy + " unreachable: " + o.error.message;
}

void add_http_check(Outcome& cell, Outcome check, const std::string& path, std::chrono::milliseconds elapsed) {
  if (check.wire) cell.wire = std::move(check.wire);
  if (check.http) {
    cell.http = std::move(check.http);
    return;
  }
  HttpCheck failed;
  failed.path = path;
  failed.elapsed = elapsed;
  ErrorInfo e = check.error;
  if (check.status == Status::accepted) e.cls = ErrorClass::internal;
  e.message = "the handshake that was to carry the request failed: " + e.message;
  failed.error = std::move(e);
  cell.http = std::move(failed);
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
