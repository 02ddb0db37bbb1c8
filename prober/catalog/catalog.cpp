#include "catalog/catalog.hpp"

#include <algorithm>
#include <map>
#include <toml++/toml.h>

#include "catalog/text_file.hpp"
#include "core/errors.hpp"

namespace tlsprobe {
namespace {

constexpr std::array<std::string_view, 5> entry_keys{"host", "port", "cloud", "group", "purpose"};
constexpr std::string_view cloud_choice = "public, usgov or china";

[[noreturn]] void fail(std::string_view source, const toml::source_region& where, const std::string& what) {
  throw UsageError(std::string(source) + ":" + std::to_string(where.begin.line) + ":" +
                   std::to_string(where.begin.column) + ": " + what);
}

bool before(const toml::source_region& a, const toml::source_region& b) {
  return a.begin.line != b.begin.line ? a.begin.line < b.begin.line : a.begin.column < b.begin.column;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(std::string_view key) {
  std::string message = "unknown key '" + std::string(key) + "' in [[endpoint]]";
  const auto closest = std::min_element(entry_keys.begin(), entry_keys.end(), [&](auto x, auto y) {
    return edit_distance(key, x) < edit_distance(key, y);
  });
  if (edit_distance(key, *closest) <= 2) return message + " (did you mean '" + std::string(*closest) + "'?)";
  return message + " (known keys: host, port, cloud, group, purpose)";
}

// Keys are checked before values so that a typo ("hots") is reported as itself rather than as
// the missing key it causes. The earliest one in the file is reported: tables iterate sorted.
void reject_unknown_keys(const toml::table& entry, std::string_view source) {
  const toml::key* first = nullptr;
  for (auto&& [key, node] : entry) {
    const bool known = std::find(entry_keys.begin(), entry_keys.end(), key.str()) != entry_keys.end();
    if (!known && (first == nullptr || before(key.source(), first->source()))) first = &key;
  }
  if (first != nullptr) fail(source, first->source(), unknown_key_message(first->str()));
}

const std::string* optional_string(const toml::table& entry, std::string_view key, std::string_view source) {
  const toml::node* node = entry.get(key);
  if (node == nullptr) return nullptr;
  const auto* value = node->as_string();
  if (value == nullptr) fail(source, node->source(), "'" + std::string(key) + "' must be a string");
  return &value->get();
}

// The host key takes a bare name: a port belongs in `port`, and a wildcard copied from the
// documentation cannot be connected to.
Target parse_host(const toml::node& node, std::string_view source) {
  const auto* value = node.as_string();
  if (value == nullptr) fail(source, node.source(), "'host' must be a string");
  const std::string& host = value->get();
  const std::string bad = "bad host '" + host + "': ";
  if (host.empty()) fail(source, node.source(), "'host' is empty");
  if (host.find('*') != std::string::npos)
    fail(source, node.source(), bad + "wildcards cannot be probed; name a concrete host and put the pattern in 'group'");
  if (host.front() == '[') fail(source, node.source(), bad + "write an IPv6 address without brackets");
  if (host.find(':') != std::string::npos && !is_ip_literal(host)) {
    const std::string port = host.substr(host.rfind(':') + 1);
    fail(source, node.source(), bad + "put the port in its own key, e.g. port = " + (port.empty() ? "8443" : port));
  }
  try {
    return parse_target(host);
  } catch (const UsageError& e) {
    // Keep parse_target's reason but name the key the user wrote, not "target".
    const std::string prefix = "bad target '" + host + "': ";
    const std::string_view message = e.what();
    if (message.substr(0, prefix.size()) == prefix) fail(source, node.source(), bad + std::string(message.substr(prefix.size())));
    fail(source, node.source(), bad + std::string(message));
  }
}

Target parse_entry(const toml::table& entry, std::string_view source) {
  reject_unknown_keys(entry, source);
  const toml::node* host = entry.get("host");
  if (host == nullptr) fail(source, entry.source(), "[[endpoint]] has no 'host'");
  Target target = parse_host(*host, source);

  if (const toml::node* port = entry.get("port")) {
    const auto* value = port->as_integer();
    if (value == nullptr || value->get() < 1 || value->get() > 65535)
      fail(source, port->source(), "'port' must be an integer 1..65535");
    target.port = static_cast<std::uint16_t>(value->get());
  }
  target.label = target_label(target.host, target.port);

  const std::string* cloud = optional_string(entry, "cloud", source);
  if (cloud == nullptr)
    fail(source, entry.source(), "[[endpoint]] '" + target.label + "' has no 'cloud' (" + std::string(cloud_choice) + ")");
  if (std::find(catalog_clouds.begin(), catalog_clouds.end(), *cloud) == catalog_clouds.end())
    fail(source, entry.get("cloud")->source(), "unknown cloud '" + *cloud + "' (expected " + std::string(cloud_choice) + ")");
  target.cloud = *cloud;
  if (const std::string* group = optional_string(entry, "group", source)) target.group = *group;
  if (const std::string* purpose = optional_string(entry, "purpose", source)) target.purpose = *purpose;
  return target;
}

const toml::array& endpoint_array(const toml::table& root, std::string_view source) {
  const toml::key* stray = nullptr;
  for (auto&& [key, node] : root)
    if (key.str() != "endpoint" && (stray == nullptr || before(key.source(), stray->source()))) stray = &key;
  if (stray != nullptr)
    fail(source, stray->source(), "unknown key '" + std::string(stray->str()) + "' (a catalog holds only [[endpoint]] tables)");

  const toml::node* node = root.get("endpoint");
  if (node == nullptr) throw UsageError(std::string(source) + ": no [[endpoint]] entries");
  const toml::array* array = node->as_array();
  if (array != nullptr && array->empty()) fail(source, node->source(), "no [[endpoint]] entries");
  if (array == nullptr || !array->is_array_of_tables())
    fail(source, node->source(), "'endpoint' must be a list of tables: write each entry as [[endpoint]]");
  return *array;
}

}  // namespace

Catalog parse_catalog(std::string_view text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    fail(source_name, e.source(), std::string(e.description()));
  }

  Catalog catalog;
  std::map<std::string, std::size_t> first_line;  // cloud + ' ' + label
  for (const toml::node& element : endpoint_array(root, source_name)) {
    const toml::table& entry = *element.as_table();
    Target target = parse_entry(entry, source_name);
    const auto [it, fresh] = first_line.emplace(target.cloud + " " + target.label, entry.get("host")->source().begin.line);
    if (!fresh)
      fail(source_name, entry.get("host")->source(),
           "duplicate endpoint '" + target.label + "' in cloud " + target.cloud + " (first listed on line " +
               std::to_string(it->second) + ")");
    catalog.endpoints.push_back(std::move(target));
  }
  return catalog;
}

Catalog load_catalog_file(const std::string& path) {
  return parse_catalog(catalog_detail::read_text_file(path, "catalog"), path);
}

extern const std::string_view embedded_catalog_toml;  // generated from endpoints/azure-backup.toml

const Catalog& embedded_catalog() {
  static const Catalog catalog = parse_catalog(embedded_catalog_toml, "embedded catalog");
  return catalog;
}

}  // namespace tlsprobe
