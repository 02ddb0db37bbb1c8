// libFuzzer target for the .reg reader: whatever bytes a user hands tlsprobe registry --file,
// parse_reg must not crash, must say where it stopped, must read back what it writes, and the
// fix file the audit writes must fix what it claims to.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>

#include "registry/audit.hpp"
#include "registry/fix_file.hpp"
#include "registry/reg_file.hpp"
#include "registry/reg_writer.hpp"
#include "render/registry_report.hpp"

namespace {

using namespace tlsprobe::registry;

void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke the contract
}

std::size_t line_breaks(std::span<const std::uint8_t> bytes) {
  std::size_t n = 0;
  for (const auto b : bytes) n += (b == '\n' || b == '\r') ? 1 : 0;
  return n;
}

// Escapes and 8-bit text can make a written line longer than the line it came from; below
// this size no written line can reach max_line_bytes, so the round trip must hold.
constexpr std::size_t round_trip_limit = max_line_bytes / 4;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const RegParseResult parsed = parse_reg(bytes);
  if (const auto* error = std::get_if<RegError>(&parsed)) {
    require(!error->reason.empty());
    // A line number inside the file (UTF-16 has a break per two bytes at most, so the raw
    // count of CR and LF bytes is an upper bound for every encoding).
    require(error->line <= line_breaks(bytes) + 1);
    return 0;
  }
  const RegDocument& doc = std::get<RegDocument>(parsed);

  if (size <= round_trip_limit) {
    const RegParseResult again = parse_reg(utf16le_file_bytes(write_reg_text(doc)));
    require(std::holds_alternative<RegDocument>(again));
    require(std::get<RegDocument>(again).keys == doc.keys);
  }

  RegSnapshot snapshot;
  snapshot.apply(doc);
  const Settings settings = read_settings(snapshot);
  const auto findings = audit(settings);
  RegistryReport report;
  report.settings = settings;
  report.findings = findings;
  require(!render_registry_table(report).empty());

  // Importing the fix leaves no finding that a registry line could fix.
  const RegParseResult fix = parse_reg(fix_file_bytes(findings, "fuzz"));
  require(std::holds_alternative<RegDocument>(fix));
  snapshot.apply(std::get<RegDocument>(fix));
  for (const auto& f : audit(read_settings(snapshot))) require(f.changes.empty());
  return 0;
}
