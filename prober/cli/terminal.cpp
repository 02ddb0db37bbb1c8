#include "cli/terminal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace tlsprobe {

bool is_tty(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  if (const char* nc = std::getenv("NO_COLOR"); nc != nullptr && *nc != '\0') return false;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::string(term) == "dumb") return false;
  return is_tty(stream);
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
    : enabled_(is_tty(stderr)), start_(std::chrono::steady_clock::now()), last_(start_) {}

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
