#pragma once
// The protocol versions tlsprobe forces, one per attempt, and their spellings.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tlsprobe {

enum class Version : std::uint8_t { ssl3_0, tls1_0, tls1_1, tls1_2, tls1_3 };

inline constexpr std::array<Version, 5> all_versions{Version::ssl3_0, Version::tls1_0, Version::tls1_1,
                                                      Version::tls1_2, Version::tls1_3};

// The token users, JSON and CSV see: "ssl3.0" ... "tls1.3".
std::string_view token(Version v);
// The short label of a table cell: "SSL3", "1.0" ... "1.3".
std::string_view short_label(Version v);
// The column heading of a table: "SSL 3.0", "TLS 1.0" ...
std::string_view display_name(Version v);

// The record-layer / ServerHello version number (RFC 6101, 2246, 4346, 5246, 8446).
std::uint16_t wire_version(Version v);
std::optional<Version> from_wire(std::uint16_t wire);

// Accepts the tokens, case-insensitively, plus the forms people type: "tls12", "1.2", "ssl3".
std::optional<Version> parse_version(std::string_view text);
// "ssl3.0,tls1.0" -> versions in the order given, duplicates dropped. Throws UsageError.
std::vector<Version> parse_version_list(std::string_view text);

}  // namespace tlsprobe
