#include "registry/fix_file.hpp"

#include <algorithm>

#include "registry/key_path.hpp"
#include "registry/reg_writer.hpp"

namespace tlsprobe::registry {
namespace {

constexpr std::string_view crlf = "\r\n";

RegKey& key_for(RegDocument& doc, const std::string& path) {
  for (auto& k : doc.keys)
    if (fold(k.path) == fold(path)) return k;
  doc.keys.push_back(RegKey{path, false, 0, {}});
  return doc.keys.back();
}

std::vector<std::string> ids_for_key(const std::vector<Finding>& findings, const std::string& path) {
  std::vector<std::string> ids;
  for (const auto& f : findings)
    for (const auto& c : f.changes)
      if (fold(c.key) == fold(path) && std::find(ids.begin(), ids.end(), f.id) == ids.end()) ids.push_back(f.id);
  return ids;
}

}  // namespace

RegDocument fix_document(const std::vector<Finding>& findings) {
  RegDocument doc;
  for (const auto& f : findings) {
    for (const auto& c : f.changes) {
      RegKey& k = key_for(doc, c.key);
      const auto same = [&](const RegValue& v) { return fold(v.name) == fold(c.name); };
      const auto existing = std::find_if(k.values.begin(), k.values.end(), same);
      if (existing != k.values.end())
        *existing = change_value(c);
      else
        k.values.push_back(change_value(c));
    }
  }
  return doc;
}

std::string fix_file_text(const std::vector<Finding>& findings, std::string_view note) {
  std::string out(header_text(RegFormat::version5));
  out += crlf;
  if (!note.empty()) out += crlf;
  std::size_t start = 0;
  while (start < note.size()) {
    const auto end = std::min(note.find('\n', start), note.size());
    out += "; " + std::string(note.substr(start, end - start)) + std::string(crlf);
    start = end + 1;
  }
  const RegDocument doc = fix_document(findings);
  if (doc.keys.empty()) out += std::string(crlf) + "; Nothing to change: no finding has a registry fix." + std::string(crlf);
  for (const auto& k : doc.keys) {
    out += crlf;
    for (const auto& id : ids_for_key(findings, k.path)) out += "; " + id + std::string(crlf);
    out += key_line(k) + std::string(crlf);
    for (const auto& v : k.values) out += value_lines(v) + std::string(crlf);
  }
  return out + std::string(crlf);
}

std::vector<std::uint8_t> fix_file_bytes(const std::vector<Finding>& findings, std::string_view note) {
  return utf16le_file_bytes(fix_file_text(findings, note));
}

}  // namespace tlsprobe::registry
