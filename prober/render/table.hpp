#pragma once
// The matrix a network engineer reads first: one row per endpoint/address/backend, one
// column per version, then the details worth reading and a summary line.
#include <compare>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "diagnosis/certificates.hpp"

namespace tlsprobe {

struct TableStyle {
  bool color = false;    // ANSI colours: green accepted, red rejected, yellow unreachable, dim unsupported
  bool unicode = true;   // ✔ ✘ – ; false: + x -
  // Cells a later analysis wants looked at (e.g. two backends disagree): they get a trailing
  // " *" and `marked_legend` is printed under the matrix to say what the star means.
  std::set<CellKey> marked{};
  std::string marked_legend{};
  // Shown as notes, one line per distinct finding per endpoint (its backends listed).
  // certificate.untrusted is left out: each attempt's "certificate not verified" note already
  // says it, with the subject and issuer.
  std::vector<CertificateFinding> certificate_findings{};
  // --show-hello: after the verdicts, the ClientHello each backend sent per version.
  bool show_hello = false;
};

std::string render_table(const Report& report, const TableStyle& style);

// Terminal columns a UTF-8 string takes, counting code points: every symbol we print is
// one column wide, and East Asian wide characters never reach a cell.
std::size_t display_width(std::string_view text);

}  // namespace tlsprobe
