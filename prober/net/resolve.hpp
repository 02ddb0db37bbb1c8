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

// Blocking getaddrinfo; the engine runs it on a small pool so one slow name does not hold
// up the others (Asio's own resolver runs every lookup on a single thread).
Resolution resolve_host(const std::string& host, std::uint16_t port);

}  // namespace tlsprobe
