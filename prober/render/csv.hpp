#pragma once
// One row per attempt for spreadsheets and scripts (RFC 4180).
#include <string>

#include "core/result.hpp"

namespace tlsprobe {

// Header: endpoint,host,port,address,sni,cloud,group,backend,version,status,negotiated,
// cipher,error_class,alert,alert_name,errno,winsock,sec_status,offered,phase,message,
// cert_subject,cert_issuer,cert_not_after,cert_verified,elapsed_ms,attempts,failed_attempts
// Absent values are empty fields; error columns are empty for accepted attempts.
std::string render_csv(const Report& report);

// One field, quoted only when it holds a comma, a quote, CR or LF.
std::string csv_field(std::string_view text);

}  // namespace tlsprobe
