#pragma once
// Options every subcommand takes the same way.
#include <CLI/CLI.hpp>
#include <string>

#include "cli/terminal.hpp"
#include "render/table.hpp"

namespace tlsprobe {

// One value per use of the flag (repeat it, or use commas where the option splits them):
// CLI11 otherwise lets a list option swallow the words after it, so
// `--resolve a:1:127.0.0.1 b:2` took the target b:2 for a second --resolve entry.
inline CLI::Option* one_per_use(CLI::Option* option) { return option->allow_extra_args(false); }

// --color and --ascii: how a table looks on this terminal.
struct DisplayArgs {
  ColorMode color = ColorMode::automatic;
  bool ascii = false;
};

void add_display_options(CLI::App& cmd, DisplayArgs& args);

// Colour and symbols for stdout as the flags and the terminal allow.
TableStyle table_style(const DisplayArgs& args);

// --format as given, else a table for a person at a terminal and JSON for a pipe.
std::string output_format(const std::string& asked);

}  // namespace tlsprobe
