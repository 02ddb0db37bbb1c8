#pragma once
// How a fuzz target says its input broke the code's contract: abort, so libFuzzer keeps the
// input, after naming the line whose check failed (at -O1 the stack trace often cannot).
#include <cstdio>
#include <cstdlib>

namespace tlsprobe::fuzz {

inline void require(bool ok, const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
  if (ok) return;
  std::fprintf(stderr, "contract broken: %s:%d\n", file, line);
  std::abort();
}

}  // namespace tlsprobe::fuzz
