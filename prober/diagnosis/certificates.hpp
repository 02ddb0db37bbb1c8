#pragma once
// What the certificates of accepted attempts say about the path and the server: a chain that
// ends at a root Azure does not use (a TLS-inspecting middlebox, the cause of many SChannel
// SEC_E_UNTRUSTED_ROOT / SEC_E_WRONG_PRINCIPAL failures), expiry, a name mismatch, an
// untrusted chain. Pure: the report in, findings out.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "core/severity.hpp"

namespace tlsprobe {

// Ids are stable: scripts match on them.
inline constexpr std::string_view finding_inspection = "certificate.inspection";
inline constexpr std::string_view finding_expiring = "certificate.expiring";
inline constexpr std::string_view finding_expired = "certificate.expired";
inline constexpr std::string_view finding_hostname_mismatch = "certificate.hostname_mismatch";
inline constexpr std::string_view finding_untrusted = "certificate.untrusted";

// id, severity and message (one line, no endpoint or address in it: renderers add those) are
// the shared part; the cell it was seen in is this kind's own.
// Built from the shared part and the cell, so the six strings cannot be given in the wrong
// order (brace elision would let {id, severity, endpoint, ...} compile).
struct CertificateFinding : Finding {
  CertificateFinding() = default;
  CertificateFinding(Finding common, std::string endpoint_, std::string address_, std::string backend_)
      : Finding(std::move(common)),
        endpoint(std::move(endpoint_)),
        address(std::move(address_)),
        backend(std::move(backend_)) {}
  std::string endpoint;  // the target's label
  std::string address;   // empty when a proxy resolved the name
  std::string backend;
  auto operator<=>(const CertificateFinding&) const = default;
};

struct CertificateCheckOptions {
  int expiry_warning_days = 30;  // --expiry-warning; 0: only expired certificates are reported
};

// The roots Azure's TLS certificates chain to, by common name, from Microsoft's "Azure
// Certificate Authority details" as Azure Backup's documentation cites it.
inline constexpr std::array<std::string_view, 6> azure_root_names{
    "DigiCert Global Root G2",
    "DigiCert Global Root CA",
    "Baltimore CyberTrust Root",
    "D-TRUST Root Class 3 CA 2 2009",
    "Microsoft RSA Root Certificate Authority 2017",
    "Microsoft ECC Root Certificate Authority 2017",
};

// Distinct findings in report order (the same finding from several versions is listed once
// per endpoint, address and backend). Expiry is measured at report.started, so the same
// report always gives the same findings.
std::vector<CertificateFinding> find_certificate_findings(const Report& report,
                                                          const CertificateCheckOptions& options = {});

// The first CN of a distinguished name as OpenSSL (RFC 2253, "CN=a\,b,O=x") or Windows
// ("CN=a, O=\"x, y\"") writes it, unescaped; empty when there is none.
std::string common_name(std::string_view dn);

// "2027-03-01T12:00:00Z" (fractions of a second allowed); nothing when it is not that shape.
std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text);

}  // namespace tlsprobe
