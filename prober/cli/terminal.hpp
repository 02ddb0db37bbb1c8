#pragma once
// What the terminal can show: colour (NO_COLOR, pipes), UTF-8 symbols, a progress line.
#include <chrono>
#include <cstdio>
#include <string>

#include "engine/engine.hpp"

namespace tlsprobe {

enum class ColorMode { automatic, always, never };

bool is_tty(std::FILE* stream);
bool use_color(ColorMode mode, std::FILE* stream);
bool locale_is_utf8();

// A single self-overwriting line on stderr, shown only on a terminal and only once a run
// has lasted long enough to make someone wonder.
class ProgressLine {
 public:
  ProgressLine();
  ~ProgressLine();
  void update(const Progress& p);

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace tlsprobe
