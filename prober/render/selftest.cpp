#include "render/selftest.hpp"

#include <algorithm>

#include "render/describe.hpp"
#include "render/json.hpp"

namespace tlsprobe {
namespace {

std::string symbol_text(selftest::Capability c, bool unicode) {
  switch (c) {
    case selftest::Capability::speaks: return unicode ? "✔ speaks" : "+ speaks";
    case selftest::Capability::cannot: return unicode ? "✘ cannot" : "x cannot";
    case selftest::Capability::unsupported: return unicode ? "– unsupported" : "- unsupported";
    case selftest::Capability::untested: return unicode ? "· untested" : ". untested";
  }
  return "?";
}

std::string colour(selftest::Capability c) {
  switch (c) {
    case selftest::Capability::speaks: return "\x1b[32m";
    case selftest::Capability::cannot: return "\x1b[31m";
    default: return "\x1b[2m";
  }
}

// The reason a cell was not tried, or what its attempt came to.
std::string cell_detail(const selftest::Cell& c) { return c.failure ? failure_summary(*c.failure) : c.reason; }

}  // namespace

std::string render_selftest_table(const selftest::Result& result, const TableStyle& style) {
  std::vector<std::string> backends;
  for (const auto& c : result.cells)
    if (std::find(backends.begin(), backends.end(), c.backend) == backends.end()) backends.push_back(c.backend);
  std::size_t head = 0;
  for (const auto& b : backends) head = std::max(head, display_width(b));
  std::vector<std::size_t> widths;
  for (const auto& slot : result.servers) {
    std::size_t w = display_width(display_name(slot.version));
    for (const auto& c : result.cells)
      if (c.version == slot.version) w = std::max(w, display_width(symbol_text(c.capability, style.unicode)));
    widths.push_back(w);
  }
  auto pad = [](std::string s, std::size_t width, std::size_t shown) { return s + std::string(width - shown, ' '); };

  std::string out = "Local TLS stacks, each version tried against a local server pinned to it (127.0.0.1):\n\n";
  std::string line = "  " + std::string(head, ' ');
  for (std::size_t i = 0; i < result.servers.size(); ++i) {
    const auto name = std::string(display_name(result.servers[i].version));
    line += "  " + (i + 1 == result.servers.size() ? name : pad(name, widths[i], display_width(name)));
  }
  out += line + "\n";
  std::string notes;
  for (const auto& b : backends) {
    line = "  " + pad(b, head, display_width(b));
    for (std::size_t i = 0; i < result.servers.size(); ++i) {
      const auto& slot = result.servers[i];
      const auto it = std::find_if(result.cells.begin(), result.cells.end(),
                                   [&](const auto& c) { return c.backend == b && c.version == slot.version; });
      if (it == result.cells.end()) continue;
      const auto text = symbol_text(it->capability, style.unicode);
      const auto shown = display_width(text);
      const auto cell = style.color ? colour(it->capability) + text + "\x1b[0m" : text;
      line += "  " + cell + (i + 1 == result.servers.size() ? "" : std::string(widths[i] - shown, ' '));
      if (const auto detail = cell_detail(*it); it->capability != selftest::Capability::speaks && !detail.empty())
        notes += "  " + b + " " + std::string(display_name(slot.version)) + ": " + one_line(detail) + "\n";
    }
    out += line + "\n";
  }
  if (!notes.empty()) out += "\nNotes:\n" + notes;
  if (!result.report.results.empty()) {
    TableStyle plain = style;
    plain.marked.clear();
    out += "\nEvery version against every local server:\n\n" + render_table(result.report, plain);
  }
  return out;
}

nlohmann::ordered_json selftest_to_json(const selftest::Result& result) {
  using json = nlohmann::ordered_json;
  json servers = json::array();
  for (const auto& s : result.servers)
    servers.push_back({{"version", token(s.version)},
                       {"port", s.port ? json(*s.port) : json(nullptr)},
                       {"reason", s.reason.empty() ? json(nullptr) : json(s.reason)}});
  json cells = json::array();
  for (const auto& c : result.cells) {
    const auto detail = cell_detail(c);
    cells.push_back({{"backend", c.backend},
                     {"version", token(c.version)},
                     {"capability", selftest::to_string(c.capability)},
                     {"detail", detail.empty() ? json(nullptr) : json(detail)}});
  }
  json doc;
  doc["tool"] = "tlsprobe";
  doc["version"] = TLSPROBE_VERSION;
  doc["servers"] = std::move(servers);
  doc["capabilities"] = std::move(cells);
  doc["report"] = report_to_json(result.report);
  return doc;
}

}  // namespace tlsprobe
