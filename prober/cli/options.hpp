#pragma once
// How list options take their values, the same for every subcommand.
#include <CLI/CLI.hpp>

namespace tlsprobe {

// One value per use of the flag (repeat it, or use commas where the option splits them):
// CLI11 otherwise lets a list option swallow the words after it, so
// `--resolve a:1:127.0.0.1 b:2` took the target b:2 for a second --resolve entry.
inline CLI::Option* one_per_use(CLI::Option* option) { return option->allow_extra_args(false); }

}  // namespace tlsprobe
