#pragma once
// The --fix-file writer: a .reg that sets exactly the values the findings name and nothing
// else. Importing it only adds or overwrites those DWORDs ([KEY] lines create missing keys and
// leave every other value alone); it never deletes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/finding.hpp"
#include "registry/reg_file.hpp"

namespace tlsprobe::registry {

// Every finding's changes, merged per key in first-seen order (one value set once).
RegDocument fix_document(const std::vector<Finding>& findings);

// The file's text (CRLF): the header, `note` as ';' comment lines, then each key preceded by a
// comment naming the finding ids it fixes. With nothing to change, a comment says so.
std::string fix_file_text(const std::vector<Finding>& findings, std::string_view note);

// fix_file_text as UTF-16LE with a BOM, what regedit itself writes.
std::vector<std::uint8_t> fix_file_bytes(const std::vector<Finding>& findings, std::string_view note);

}  // namespace tlsprobe::registry
