#include "backends/openssl/version_map.hpp"

#include <openssl/ssl.h>

#include <array>
#include <utility>

namespace tlsprobe::openssl {
namespace {

constexpr std::array<std::pair<Version, int>, 5> table{{
    {Version::ssl3_0, SSL3_VERSION},
    {Version::tls1_0, TLS1_VERSION},
    {Version::tls1_1, TLS1_1_VERSION},
    {Version::tls1_2, TLS1_2_VERSION},
    {Version::tls1_3, TLS1_3_VERSION},
}};

}  // namespace

int to_native(Version v) {
  for (const auto& [ours, native] : table)
    if (ours == v) return native;
  return 0;
}

std::optional<Version> from_native(int native) {
  for (const auto& [ours, n] : table)
    if (n == native) return ours;
  return std::nullopt;
}

}  // namespace tlsprobe::openssl
