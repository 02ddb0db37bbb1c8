#include "net/resolve.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#endif

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/native_codes.hpp"

namespace tlsprobe {

int lookup_flags(Families families) { return families == Families::configured ? AI_ADDRCONFIG : 0; }

Resolution resolve_host(const std::string& host, std::uint16_t port, Families families) {
  Resolution out;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;  // both A and AAAA: every address is probed
  hints.ai_flags = lookup_flags(families);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  addrinfo* list = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
  if (rc != 0) {
    auto o = failure(Status::unreachable, ErrorClass::dns, Phase::resolve,
                     "cannot resolve " + host + ": " + gai_strerror(rc));
    o.error.winsock = winsock_for_eai(rc).value_or(11001);
    out.failure = std::move(o);
    return out;
  }
  // Freed on every path out, an allocation failure below included.
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(list, &freeaddrinfo);
  for (auto* ai = list; ai != nullptr; ai = ai->ai_next) {
    boost::asio::ip::tcp::endpoint ep;
    if (ai->ai_addrlen > ep.capacity()) continue;
    std::memcpy(ep.data(), ai->ai_addr, ai->ai_addrlen);
    ep.resize(ai->ai_addrlen);
    if (std::find(out.addresses.begin(), out.addresses.end(), ep) == out.addresses.end()) out.addresses.push_back(ep);
  }
  if (out.addresses.empty()) {
    auto o = failure(Status::unreachable, ErrorClass::dns, Phase::resolve, "no address for " + host);
    o.error.winsock = 11004;  // WSANO_DATA
    out.failure = std::move(o);
  }
  return out;
}

}  // namespace tlsprobe
