#pragma once
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tlsprobe {

struct ResolveEntry {
  std::string host;
  std::uint16_t port = 443;
  std::vector<boost::asio::ip::address> addresses;
};

// "host:port:addr[,addr...]" as curl's --resolve writes it; IPv6 addresses in brackets.
// Throws UsageError naming the entry and what is wrong.
ResolveEntry parse_resolve(const std::string& text);

}  // namespace tlsprobe
