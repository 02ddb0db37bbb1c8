#include "registry/reg_file.hpp"

#include <optional>
#include <string_view>
#include <utility>

#include "registry/key_path.hpp"

namespace tlsprobe::registry {
namespace {

constexpr std::string_view header_v5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view header_v4 = "REGEDIT4";

struct Line {
  std::string_view text;
  std::size_t number;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool equal_nocase(std::string_view a, std::string_view b) { return fold(a) == fold(b); }

// CRLF, LF and a lone CR all end a line: files pass through editors that mix them.
std::variant<std::vector<Line>, RegError> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  std::size_t number = 1;
  while (start <= text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    const std::string_view line = text.substr(start, end - start);
    if (line.size() > max_line_bytes)
      return RegError{number, "line longer than " + std::to_string(max_line_bytes / 1024) + " KiB"};
    if (line.find('\0') != std::string_view::npos)
      return RegError{number, "NUL character in the text (is this a binary file?)"};
    if (end == text.size()) {
      if (!line.empty()) lines.push_back({line, number});
      break;
    }
    lines.push_back({line, number});
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    ++number;
  }
  return lines;
}

// A value's data, continuation lines joined, with where each physical line begins in it.
struct JoinedData {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> starts;  // (offset, line number)

  std::size_t line_at(std::size_t offset) const {
    std::size_t line = starts.front().second;
    for (const auto& [at, number] : starts)
      if (at <= offset) line = number;
    return line;
  }
};

class Parser {
 public:
  explicit Parser(std::vector<Line> lines) : lines_(std::move(lines)) {}

  RegParseResult run(TextEncoding encoding) {
    doc_.encoding = encoding;
    if (auto error = header()) return *error;
    while (next_ < lines_.size()) {
      const Line line = lines_[next_++];
      const std::string_view text = trim(line.text);
      if (text.empty() || text.front() == ';') continue;
      std::optional<RegError> error;
      if (text.front() == '[')
        error = key(text, line.number);
      else if (text.front() == '"' || text.front() == '@')
        error = value(text, line.number);
      else
        error = RegError{line.number, "unexpected text '" + excerpt(text) +
                                          "': expected [KEY], \"NAME\"=DATA, @=DATA or a ; comment"};
      if (error) return *error;
    }
    return std::move(doc_);
  }

 private:
  static std::string excerpt(std::string_view text) {
    constexpr std::size_t max = 40;
    return text.size() <= max ? std::string(text) : std::string(text.substr(0, max)) + "...";
  }

  std::optional<RegError> header() {
    while (next_ < lines_.size() && trim(lines_[next_].text).empty()) ++next_;
    const std::size_t number = next_ < lines_.size() ? lines_[next_].number : 1;
    const std::string_view first = next_ < lines_.size() ? trim(lines_[next_].text) : std::string_view{};
    if (equal_nocase(first, header_v5)) {
      doc_.format = RegFormat::version5;
    } else if (equal_nocase(first, header_v4)) {
      doc_.format = RegFormat::regedit4;
    } else {
      return RegError{number, "not a registry export: the first line must be '" + std::string(header_v5) +
                                  "' or '" + std::string(header_v4) + "'"};
    }
    ++next_;
    return std::nullopt;
  }

  std::optional<RegError> key(std::string_view text, std::size_t number) {
    // Key names may contain ']': the last one closes the line, as in regedit.
    const auto close = text.rfind(']');
    if (close == std::string_view::npos || close == 0) return RegError{number, "key line without a closing ']'"};
    const std::string_view after = trim(text.substr(close + 1));
    if (!after.empty() && after.front() != ';')
      return RegError{number, "unexpected text after the key's ']': '" + excerpt(after) + "'"};
    std::string_view inner = text.substr(1, close - 1);
    RegKey k;
    k.line = number;
    if (!inner.empty() && inner.front() == '-') {
      k.deleted = true;
      inner.remove_prefix(1);
    }
    auto normalized = normalize_key_path(inner);
    if (!normalized.error.empty()) return RegError{number, normalized.error};
    k.path = std::move(normalized.path);
    doc_.keys.push_back(std::move(k));
    return std::nullopt;
  }

  std::optional<RegError> value(std::string_view text, std::size_t number) {
    if (doc_.keys.empty()) return RegError{number, "value outside a key: a [KEY] line must come first"};
    RegKey& k = doc_.keys.back();
    if (k.deleted)
      return RegError{number, "value under the deleted key [-" + k.path + "]: a deleted key has no values"};
    RegValue v;
    v.line = number;
    std::size_t pos = 1;
    if (text.front() == '"') {
      pos = 0;
      std::string error;
      if (!parse_quoted(text, pos, v.name, error)) return RegError{number, error + " in the value name"};
    }
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos == text.size() || text[pos] != '=') return RegError{number, "expected '=' after the value name"};
    ++pos;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    auto joined = join_continuations(text.substr(pos), number);
    if (auto* error = std::get_if<RegError>(&joined)) return *error;
    const auto& data = std::get<JoinedData>(joined);
    auto parsed = parse_data(data.text, doc_.format);
    if (const auto* error = std::get_if<DataError>(&parsed)) return RegError{data.line_at(error->offset), error->reason};
    auto& d = std::get<ParsedData>(parsed);
    v.deleted = d.deleted;
    v.type = d.type;
    v.data = std::move(d.data);
    k.values.push_back(std::move(v));
    return std::nullopt;
  }

  // A hex list ending in '\' goes on on the next line (regedit wraps at 80 columns).
  std::variant<JoinedData, RegError> join_continuations(std::string_view first, std::size_t number) {
    JoinedData out;
    out.starts.emplace_back(0, number);
    std::string_view piece = trim(first);
    const bool hex = fold(piece.substr(0, 3)) == "hex";
    while (hex && !piece.empty() && piece.back() == '\\') {
      out.text.append(piece.substr(0, piece.size() - 1));
      if (out.text.size() > max_line_bytes)
        return RegError{number, "hex data longer than " + std::to_string(max_line_bytes / 1024) + " KiB"};
      if (next_ == lines_.size())
        return RegError{number, "the hex data continues ('\\' at the end of the line) past the end of the file"};
      const Line line = lines_[next_++];
      number = line.number;
      out.starts.emplace_back(out.text.size(), number);
      piece = trim(line.text);
    }
    out.text.append(piece);
    return out;
  }

  std::vector<Line> lines_;
  std::size_t next_ = 0;
  RegDocument doc_;
};

}  // namespace

std::string_view header_text(RegFormat format) { return format == RegFormat::regedit4 ? header_v4 : header_v5; }

RegParseResult parse_reg(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > max_file_bytes)
    return RegError{0, "the file is larger than " + std::to_string(max_file_bytes / (1024 * 1024)) +
                           " MiB: export only the SCHANNEL, .NETFramework and WinHttp keys"};
  auto decoded = decode_text(bytes);
  if (const auto* error = std::get_if<DecodeError>(&decoded)) return RegError{error->line, error->reason};
  const auto& text = std::get<DecodedText>(decoded);
  auto lines = split_lines(text.utf8);
  if (auto* error = std::get_if<RegError>(&lines)) return std::move(*error);
  return Parser(std::move(std::get<std::vector<Line>>(lines))).run(text.encoding);
}

std::string format_error(const std::string& file, const RegError& error) {
  if (error.line == 0) return file + ": " + error.reason;
  return file + ":" + std::to_string(error.line) + ": " + error.reason;
}

}  // namespace tlsprobe::registry
