#include <set>

#include "catalog/catalog.hpp"
#include "catalog/text_file.hpp"
#include "core/errors.hpp"

namespace tlsprobe {
namespace {

constexpr std::string_view blanks = " \t\r\n\v\f";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

}  // namespace

std::vector<Target> load_targets_file(const std::string& path) {
  const std::string content = catalog_detail::read_text_file(path, "targets file");
  std::string_view text = content;
  // Notepad and PowerShell's "Out-File -Encoding utf8" start the file with a UTF-8 BOM.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<Target> targets;
  std::set<std::string> seen;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    line = trim(line.substr(0, line.find('#')));  // '#' cannot occur in a host name or port
    if (line.empty()) continue;
    try {
      Target target = parse_target(line);
      if (seen.insert(target.label).second) targets.push_back(std::move(target));
    } catch (const UsageError& e) {
      throw UsageError(path + ":" + std::to_string(line_number) + ": " + e.what());
    }
  }
  if (targets.empty()) throw UsageError(path + ": no targets (the file has only blank lines and comments)");
  return targets;
}

}  // namespace tlsprobe
