#pragma once
// One row per attempt for spreadsheets and scripts (RFC 4180).
#include <string>

#include "core/result.hpp"

namespace tlsprobe {

// Header: endpoint,host,port,address,proxy,sni,cloud,group,backend,version,status,negotiated,
// cipher,error_class,alert,alert_name,errno,winsock,sec_status,offered,phase,message,
// cert_subject,cert_issuer,cert_not_after,cert_verified,cert_verify_error,elapsed_ms,attempts,
// failed_attempts,cert_hostname_matches,http_status,http_error
// Absent values are empty fields; error columns are empty for accepted attempts. http_error
// is the class of a failed --http-check (reset, closed, timeout, alert, protocol); the chain
// is in the JSON only.
std::string render_csv(const Report& report);

// One field, quoted only when it holds a comma, a quote, CR or LF.
std::string csv_field(std::string_view text);

}  // namespace tlsprobe
