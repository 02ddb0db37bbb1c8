#include "registry/snapshot.hpp"

#include "registry/key_path.hpp"

namespace tlsprobe::registry {

void RegSnapshot::apply(const RegDocument& doc) {
  for (const auto& k : doc.keys) {
    if (k.deleted) {
      remove_key(k.path);
      continue;
    }
    add_key(k.path);
    Key& key = keys_[fold(k.path)];
    for (const auto& v : k.values) {
      if (v.deleted)
        key.values.erase(fold(v.name));
      else
        key.values[fold(v.name)] = v;
    }
  }
}

void RegSnapshot::add_key(std::string_view path) {
  // Importing [A\B\C] creates A and A\B too; a later lookup of the parent must find it.
  std::size_t pos = path.find('\\');
  for (;;) {
    const std::string_view prefix = path.substr(0, pos);
    auto [it, inserted] = keys_.try_emplace(fold(prefix));
    if (inserted) it->second.path = std::string(prefix);
    if (pos == std::string_view::npos) break;
    pos = path.find('\\', pos + 1);
  }
}

void RegSnapshot::set_value(std::string_view path, RegValue value) {
  add_key(path);
  keys_[fold(path)].values[fold(value.name)] = std::move(value);
}

void RegSnapshot::remove_key(std::string_view path) {
  const std::string folded = fold(path);
  auto it = keys_.lower_bound(folded);
  while (it != keys_.end() && is_same_or_below(it->first, folded)) it = keys_.erase(it);
  // Keys below sort after "path\" but "path " or "path!" sort between; skip past them.
  for (it = keys_.lower_bound(folded + "\\"); it != keys_.end() && is_same_or_below(it->first, folded);)
    it = keys_.erase(it);
}

bool RegSnapshot::has_key(std::string_view path) const { return keys_.count(fold(path)) != 0; }

const RegValue* RegSnapshot::value(std::string_view path, std::string_view name) const {
  const auto key = keys_.find(fold(path));
  if (key == keys_.end()) return nullptr;
  const auto v = key->second.values.find(fold(name));
  return v == key->second.values.end() ? nullptr : &v->second;
}

std::vector<std::string> RegSnapshot::subkeys(std::string_view path) const {
  std::vector<std::string> out;
  const std::string prefix = fold(path) + "\\";
  for (auto it = keys_.lower_bound(prefix); it != keys_.end() && it->first.starts_with(prefix); ++it)
    if (it->first.find('\\', prefix.size()) == std::string::npos) out.push_back(it->second.path);
  return out;
}

RegDocument RegSnapshot::to_document() const {
  RegDocument doc;
  for (const auto& [folded, key] : keys_) {
    RegKey k;
    k.path = key.path;
    for (const auto& [name, v] : key.values) k.values.push_back(v);
    doc.keys.push_back(std::move(k));
  }
  return doc;
}

}  // namespace tlsprobe::registry
