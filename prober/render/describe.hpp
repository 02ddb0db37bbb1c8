#pragma once
// Words and numbers shared by every renderer and by the policy check, so an outcome reads
// the same in the table, the CSV, the JSON and a policy violation.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/outcome.hpp"
#include "core/result.hpp"

namespace tlsprobe {

// "2026-11-29T07:08:11.123Z". Built on <chrono> calendar types rather than gmtime_r so the
// Windows (mingw) build formats the same way.
std::string iso8601_utc(std::chrono::system_clock::time_point t);

// SChannel SECURITY_STATUS as Windows tools print it: "0x80090326".
std::string sec_status_hex(std::uint32_t status);

// A protocol version number as the wire carries it: "0x0303" (ClientHello legacy_version).
std::string version_hex(std::uint16_t version);

// The Windows number for a socket error: the backend's own when it has one, else the twin
// of the POSIX errno. Windows admins compare 10054 with their event log either way.
std::optional<int> winsock_number(const ErrorInfo& e);

// The short verdict of a failed attempt, as a table cell shows it after the symbol:
// "alert 70", "reset 10054", "offered 1.0", "dns 11001", "unsupported".
std::string failure_word(const Outcome& o);

// A one-line, plain-ASCII account for notes and policy details:
// "alert 70 protocol_version", "timeout in hello", "reset 10054 in hello, status 0x80090326".
std::string failure_summary(const Outcome& o);

// The --http-check result on one line: "HEAD / answered HTTP/1.1 200 OK", or
// "HEAD / failed: reset 10054 in http: Connection reset by peer". Network text made one_line.
std::string http_summary(const HttpCheck& h);

// "host (address)", "host (no address)", or just the address for an IP literal target.
std::string row_name(const AttemptResult& r);

// Text from the network (messages, certificate names) made safe for a terminal line:
// control characters (C0, DEL and C1, which carry escape sequences) become spaces.
std::string one_line(std::string_view text);

}  // namespace tlsprobe
