#include "cli/report_output.hpp"

#include <cerrno>
#include <cstdio>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace tlsprobe {

namespace {

bool write_all(std::string_view text) {
  if (std::fflush(stdout) != 0) return false;
#ifdef _WIN32
  if (::_isatty(::_fileno(stdout)) != 0) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) return false;
    return std::fflush(stdout) == 0;
  }
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  if (out == INVALID_HANDLE_VALUE || out == nullptr) return false;
  while (!text.empty()) {
    const DWORD chunk = text.size() > (1u << 20) ? (1u << 20) : static_cast<DWORD>(text.size());
    DWORD written = 0;
    if (!WriteFile(out, text.data(), chunk, &written, nullptr) || written == 0) return false;
    text.remove_prefix(written);
  }
  return true;
#else
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
#endif
}

}  // namespace

bool write_report(std::string_view text) {
  if (write_all(text)) return true;
  std::fputs("tlsprobe: writing the report to standard output failed\n", stderr);
  return false;
}

}  // namespace tlsprobe
