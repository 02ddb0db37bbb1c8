#pragma once
#include <boost/asio/ip/tcp.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/outcome.hpp"

namespace tlsprobe {

struct Resolution {
  std::vector<boost::asio::ip::tcp::endpoint> addresses;  // every A and AAAA, in resolver order
  std::optional<Outcome> failure;                          // unreachable/dns when the name did not resolve
};

// Which address families a lookup returns.
enum class Families {
  // Only those this machine has an address of (AI_ADDRCONFIG): on an IPv4-only host the
  // AAAA records of every dual-stack Azure name would otherwise fail with ENETUNREACH
  // (10051) and read as a broken endpoint.
  configured,
  every,  // every A and AAAA (--addresses all-families)
};

// The getaddrinfo flags for a lookup: a pure function, so the choice is tested on its own.
int lookup_flags(Families families);

// Blocking getaddrinfo; the engine runs it on a small pool so one slow name does not hold
// up the others (Asio's own resolver runs every lookup on a single thread).
Resolution resolve_host(const std::string& host, std::uint16_t port, Families families = Families::configured);

}  // namespace tlsprobe
