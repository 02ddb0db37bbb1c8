#include "cli/terminal.hpp"

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace tlsprobe {

#ifdef _WIN32
// The console check of the C runtime; a Wine or Windows console and a pipe answer as on Linux.
bool is_tty(std::FILE* stream) { return ::_isatty(::_fileno(stream)) != 0; }

namespace {
// A Windows console shows ANSI escapes (colour, the progress line) only once asked to, which
// Windows 10 and later allow; Server 2012 R2's console would print them as text.
bool takes_escapes(std::FILE* stream) {
  if (!is_tty(stream)) return false;
  HANDLE console = GetStdHandle(stream == stderr ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
  DWORD mode = 0;
  return console != INVALID_HANDLE_VALUE && GetConsoleMode(console, &mode) &&
         SetConsoleMode(console, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}
}  // namespace
#else
bool is_tty(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

namespace {
bool takes_escapes(std::FILE* stream) { return is_tty(stream); }
}  // namespace
#endif

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  if (const char* nc = std::getenv("NO_COLOR"); nc != nullptr && *nc != '\0') return false;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::string(term) == "dumb") return false;
  return takes_escapes(stream);
}

bool locale_is_utf8() {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(var);
    if (value == nullptr || *value == '\0') continue;
    std::string v(value);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return v.find("utf-8") != std::string::npos || v.find("utf8") != std::string::npos;
  }
  return false;
}

ProgressLine::ProgressLine()
    : enabled_(takes_escapes(stderr)), start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressLine::~ProgressLine() {
  if (shown_) std::fputs("\r\033[K", stderr);
}

void ProgressLine::update(const Progress& p) {
  using namespace std::chrono_literals;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < 700ms || (shown_ && now - last_ < 100ms && p.done != p.total)) return;
  last_ = now;
  shown_ = true;
  std::fprintf(stderr, "\r\033[Kprobing: %d of %d attempts done", p.done, p.total);
  std::fflush(stderr);
}

}  // namespace tlsprobe
