#pragma once
// The report to standard output, every byte exactly once. A report is one write of a
// finished string: on Windows, when standard output is a pipe or a file, the bytes go to
// WriteFile in a loop that resumes after a short write, so a reader gets the report as
// rendered (LF line ends, as JSON and CSV consumers expect). C runtime text-mode buffering
// re-sends a buffer whose write came back short; under Wine a JSON report once arrived with
// bytes after its end. A console keeps the C runtime (it converts to the console's code page).
#include <string_view>

namespace tlsprobe {

// When the reader went away or the disk is full, says so on stderr and returns false.
bool write_report(std::string_view text);

}  // namespace tlsprobe
