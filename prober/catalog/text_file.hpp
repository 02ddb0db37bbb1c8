#pragma once
// Reading the small text files users hand us (catalogs, target lists).
#include <string>
#include <string_view>

namespace tlsprobe::catalog_detail {

// The whole file. Throws UsageError "cannot read WHAT PATH: reason", and a UsageError saying
// how to fix it when the file is UTF-16 (what Windows PowerShell 5's '>' writes).
std::string read_text_file(const std::string& path, std::string_view what);

}  // namespace tlsprobe::catalog_detail
