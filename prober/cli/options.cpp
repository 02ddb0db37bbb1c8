#include "cli/options.hpp"

#include <cstdio>
#include <map>

namespace tlsprobe {

void add_display_options(CLI::App& cmd, DisplayArgs& args) {
  cmd.add_option("--color", args.color, "auto | always | never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{
              {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case));
  cmd.add_flag("--ascii", args.ascii, "plain ASCII symbols in the table");
}

TableStyle table_style(const DisplayArgs& args) {
  TableStyle style;
  style.color = use_color(args.color, stdout);
  style.unicode = !args.ascii && locale_is_utf8();
  return style;
}

std::string output_format(const std::string& asked) {
  if (!asked.empty()) return asked;
  return is_tty(stdout) ? "table" : "json";
}

}  // namespace tlsprobe
