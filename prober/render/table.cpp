#include "render/table.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/native_codes.hpp"
#include "render/describe.hpp"

namespace tlsprobe {
namespace {

constexpr std::string_view gap = "  ";
constexpr std::string_view indent = "  ";

struct Line {
  std::string backend;
  std::vector<const AttemptResult*> cells;  // one per column, null when never attempted
};

struct Group {
  std::string endpoint;
  std::string address;
  std::string title;
  std::vector<Line> lines;
};

struct Matrix {
  std::vector<Version> columns;
  std::vector<Group> groups;
};

std::size_t column_of(std::vector<Version>& columns, Version v) {
  auto it = std::find(columns.begin(), columns.end(), v);
  if (it != columns.end()) return static_cast<std::size_t>(it - columns.begin());
  // A result for a version nobody listed still gets a column rather than vanishing.
  columns.push_back(v);
  return columns.size() - 1;
}

std::string group_title(const AttemptResult& r) {
  std::string t = row_name(r);
  // An SNI that differs from the host (--sni) changes what the server answers; say so.
  if (!r.sni.empty() && r.sni != r.target.host) t += "  SNI " + r.sni;
  return t;
}

Matrix build_matrix(const Report& report) {
  Matrix m;
  m.columns = report.versions;
  for (const auto& r : report.results) {
    auto g = std::find_if(m.groups.begin(), m.groups.end(), [&](const Group& x) {
      return x.endpoint == r.target.label && x.address == r.address;
    });
    if (g == m.groups.end()) {
      m.groups.push_back(Group{r.target.label, r.address, group_title(r), {}});
      g = m.groups.end() - 1;
    }
    auto line = std::find_if(g->lines.begin(), g->lines.end(), [&](const Line& l) { return l.backend == r.backend; });
    if (line == g->lines.end()) {
      g->lines.push_back(Line{r.backend, {}});
      line = g->lines.end() - 1;
    }
    const std::size_t col = column_of(m.columns, r.version);
    if (line->cells.size() <= col) line->cells.resize(col + 1, nullptr);
    if (!line->cells[col]) line->cells[col] = &r;  // the first result for a cell wins
  }
  for (auto& g : m.groups)
    for (auto& l : g.lines) l.cells.resize(m.columns.size(), nullptr);
  return m;
}

std::string_view ansi_for(const AttemptResult* r) {
  if (!r) return "\x1b[2m";
  switch (r->outcome.status) {
    case Status::accepted: return "\x1b[32m";
    case Status::rejected: return "\x1b[31m";
    case Status::unreachable: return "\x1b[33m";
    case Status::unsupported: return "\x1b[2m";
    case Status::error: return "\x1b[35m";
  }
  return "";
}

std::string cell_text(const AttemptResult* r, const TableStyle& style) {
  const bool u = style.unicode;
  if (!r) return u ? "· not run" : ". not run";
  const Outcome& o = r->outcome;
  std::string s;
  switch (o.status) {
    case Status::accepted:
      s = std::string(u ? "✔ " : "+ ") + std::string(short_label(o.negotiated.value_or(r->version)));
      break;
    case Status::unsupported: s = std::string(u ? "– " : "- ") + failure_word(o); break;
    case Status::rejected:
    case Status::unreachable: s = std::string(u ? "✘ " : "x ") + failure_word(o); break;
    case Status::error: s = std::string("! ") + failure_word(o); break;
  }
  // "(2/3)": two of three tries failed. A flaky path, unlike a steady refusal.
  if (r->failed_attempts > 0 && r->attempts > 1)
    s += " (" + std::to_string(r->failed_attempts) + "/" + std::to_string(r->attempts) + ")";
  if (style.marked.contains(cell_key(*r))) s += " *";
  return s;
}

void pad_to(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  if (w < width) out.append(width - w, ' ');
}

std::string version_list(const std::vector<Version>& vs, const std::vector<Version>& columns) {
  if (vs.size() > 1 && vs.size() == columns.size()) return "all versions";
  std::string s;
  for (Version v : vs) {
    if (!s.empty()) s += ", ";
    s += display_name(v);
  }
  return s;
}

// Notes that share their text are merged: one line per distinct thing to read, with the
// versions (or backends) it applies to, in first-seen order.
class Notes {
 public:
  void add(std::string prefix, std::string text, Version v) {
    auto& e = entry(std::move(prefix), std::move(text));
    if (std::find(e.versions.begin(), e.versions.end(), v) == e.versions.end()) e.versions.push_back(v);
  }
  void add_backend(std::string prefix, std::string text, const std::string& backend) {
    auto& e = entry(std::move(prefix), std::move(text));
    if (std::find(e.backends.begin(), e.backends.end(), backend) == e.backends.end()) e.backends.push_back(backend);
  }
  void render(std::string& out, const std::vector<Version>& columns) const {
    for (const auto& e : entries_) {
      out += indent;
      out += e.prefix;
      if (!e.versions.empty()) out += " " + version_list(e.versions, columns);
      for (std::size_t i = 0; i < e.backends.size(); ++i) out += (i == 0 ? " " : ", ") + e.backends[i];
      out += ": " + e.text + "\n";
    }
  }
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::string prefix, text;
    std::vector<Version> versions;
    std::vector<std::string> backends;
  };
  Entry& entry(std::string prefix, std::string text) {
    for (auto& e : entries_)
      if (e.prefix == prefix && e.text == text) return e;
    entries_.push_back({std::move(prefix), std::move(text), {}, {}});
    return entries_.back();
  }
  std::vector<Entry> entries_;
};

// The failures whose cell cannot say everything: the reason behind "local" or "protocol",
// the phase a timeout hit, an SChannel status. Alerts, resets and refusals are fully told
// by their cell and would only repeat it here once per address.
bool worth_a_note(const Outcome& o) {
  if (o.error.sec_status) return true;
  switch (o.error.cls) {
    case ErrorClass::timeout:
    case ErrorClass::local:
    case ErrorClass::proxy:
    case ErrorClass::protocol:
    case ErrorClass::internal:
    case ErrorClass::dns:
    case ErrorClass::none: return true;
    case ErrorClass::version_mismatch: return !o.error.offered;
    case ErrorClass::alert:
    case ErrorClass::reset:
    case ErrorClass::closed:
    case ErrorClass::refused: return false;
  }
  return false;
}

std::string with_message(std::string head, const std::string& message) {
  const std::string m = one_line(message);
  return m.empty() ? head : head + ": " + m;
}

std::string certificate_note(const CertificateSummary& c) {
  std::string s = "certificate not verified";
  const std::string err = one_line(c.verify_error);
  if (!err.empty()) s += ": " + err;
  if (!c.subject.empty()) s += "; subject " + one_line(c.subject);
  if (!c.issuer.empty()) s += "; issuer " + one_line(c.issuer);
  if (!c.not_after.empty()) s += "; not after " + one_line(c.not_after);
  return s;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string seconds(std::chrono::milliseconds d) {
  const long long cs = (d.count() + 5) / 10;  // centiseconds, rounded
  const long long frac = cs % 100;
  return std::to_string(cs / 100) + "." + (frac < 10 ? "0" : "") + std::to_string(frac) + " s";
}

std::string summary_line(const Report& report) {
  const Summary s = summarize(report);
  return plural(s.endpoints, "endpoint", "endpoints") + ", " + plural(s.addresses, "address", "addresses") + ", " +
         plural(s.attempts, "attempt", "attempts") + ": " + std::to_string(s.accepted) + " accepted, " +
         std::to_string(s.rejected) + " rejected, " + std::to_string(s.unreachable) + " unreachable, " +
         std::to_string(s.unsupported) + " unsupported" +
         (s.errors ? ", " + std::to_string(s.errors) + " internal errors (please report them)" : std::string()) +
         " in " + seconds(report.duration) + "\n";
}

void render_matrix(std::string& out, const Matrix& m, const TableStyle& style) {
  std::size_t first = 0;
  std::vector<std::size_t> widths;
  for (Version v : m.columns) widths.push_back(display_width(display_name(v)));
  std::vector<std::vector<std::vector<std::string>>> texts;
  for (const auto& g : m.groups) {
    auto& gt = texts.emplace_back();
    for (const auto& l : g.lines) {
      first = std::max(first, display_width(indent) + display_width(l.backend));
      auto& lt = gt.emplace_back();
      for (std::size_t c = 0; c < l.cells.size(); ++c) {
        lt.push_back(cell_text(l.cells[c], style));
        widths[c] = std::max(widths[c], display_width(lt.back()));
      }
    }
  }
  // Padding is added outside the colour codes, and never after the last column.
  auto row = [&](std::string_view head, const std::vector<std::string>& cells, const std::vector<std::string>* colours) {
    std::string line(head);
    pad_to(line, head, first);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      line += gap;
      if (colours) line += (*colours)[c];
      line += cells[c];
      if (colours) line += "\x1b[0m";
      if (c + 1 < cells.size()) pad_to(line, cells[c], widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  std::vector<std::string> headings;
  for (Version v : m.columns) headings.emplace_back(display_name(v));
  row("", headings, nullptr);
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const std::string title = one_line(m.groups[g].title);
    out += style.color ? "\x1b[1m" + title + "\x1b[0m\n" : title + "\n";
    for (std::size_t l = 0; l < m.groups[g].lines.size(); ++l) {
      const Line& line = m.groups[g].lines[l];
      std::vector<std::string> colours;
      for (const auto* r : line.cells) colours.emplace_back(ansi_for(r));
      row(std::string(indent) + one_line(line.backend), texts[g][l], style.color ? &colours : nullptr);
    }
  }
}

}  // namespace


std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string render_table(const Report& report, const TableStyle& style) {
  const Matrix m = build_matrix(report);
  std::string out;
  render_matrix(out, m, style);

  std::map<int, std::string_view> alerts;
  Notes notes;
  bool any_marked = false;
  const AttemptResult* retried = nullptr;
  for (const auto& r : report.results) {
    const Outcome& o = r.outcome;
    any_marked = any_marked || style.marked.contains(cell_key(r));
    if (!retried && r.failed_attempts > 0 && r.attempts > 1) retried = &r;
    if (o.status == Status::unsupported) {
      const std::string reason = one_line(o.error.message);
      notes.add(one_line(r.backend) + " cannot attempt", reason.empty() ? "not available here" : reason, r.version);
    } else if (o.status != Status::accepted) {
      if (o.error.cls == ErrorClass::alert && o.error.alert) alerts.emplace(*o.error.alert, alert_name(*o.error.alert));
      if (worth_a_note(o))
        notes.add(one_line(row_name(r) + " " + r.backend), with_message(failure_summary(o), o.error.message),
                  r.version);
    }
    if (o.certificate && !o.certificate->verified)
      notes.add_backend(one_line(row_name(r)), certificate_note(*o.certificate), one_line(r.backend));
    if (o.http) notes.add(one_line(row_name(r) + " " + r.backend), http_summary(*o.http), r.version);
  }
  for (const auto& f : style.certificate_findings)
    if (f.id != finding_untrusted)
      notes.add_backend(one_line(f.endpoint), one_line(f.message), one_line(f.backend));

  std::string legend;
  if (!alerts.empty()) {
    legend += "Alerts:";
    bool first = true;
    for (const auto& [number, name] : alerts) {
      legend += (first ? " " : ", ") + std::to_string(number) + " " + std::string(name);
      first = false;
    }
    legend += "\n";
  }
  if (retried) {
    const std::string f = std::to_string(retried->failed_attempts), n = std::to_string(retried->attempts);
    legend += "(" + f + "/" + n + "): " + f + " of " + n + " tries failed\n";
  }
  if (any_marked) legend += "* " + (style.marked_legend.empty() ? std::string("marked cell") : style.marked_legend) + "\n";
  if (!notes.empty()) {
    legend += "Notes:\n";
    notes.render(legend, m.columns);
  }
  out += "\n";
  if (!legend.empty()) out += legend + "\n";
  out += summary_line(report);
  return out;
}

}  // namespace tlsprobe
