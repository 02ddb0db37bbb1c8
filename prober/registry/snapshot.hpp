#pragma once
// The registry as tlsprobe sees it: keys with their values, looked up without regard to case.
// Filled from .reg files (applied in order, as `reg import` would: [-KEY] removes the key and
// everything below it, "Name"=- removes a value, a later value replaces an earlier one) or
// from the live registry on Windows. The settings model reads only this.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registry/reg_file.hpp"

namespace tlsprobe::registry {

class RegSnapshot {
 public:
  void apply(const RegDocument& doc);

  // Creates the key (and its parents) when missing. `path` must be normalized.
  void add_key(std::string_view path);
  void set_value(std::string_view path, RegValue value);

  bool has_key(std::string_view path) const;
  // nullptr when the key or the value is absent.
  const RegValue* value(std::string_view path, std::string_view name) const;
  // The paths of the keys directly below `path`, in folded order.
  std::vector<std::string> subkeys(std::string_view path) const;
  std::size_t key_count() const { return keys_.size(); }
  // Every key as a document (keys sorted by folded path, values by folded name): a
  // snapshot written out and read back is the same snapshot.
  RegDocument to_document() const;

 private:
  struct Key {
    std::string path;
    std::map<std::string, RegValue> values;  // by folded name
  };
  void remove_key(std::string_view path);

  std::map<std::string, Key> keys_;  // by folded path
};

}  // namespace tlsprobe::registry
