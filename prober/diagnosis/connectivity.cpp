#include "diagnosis/connectivity.hpp"

#include <algorithm>
#include <map>

namespace tlsprobe {

std::vector<AddressNote> unreachable_addresses(const Report& report) {
  struct Seen {
    const AttemptResult* first_failure = nullptr;
    bool reached = false;  // some attempt got an answer from the server
  };
  // Endpoint, then its addresses in report order.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, Seen>>>> endpoints;
  for (const auto& r : report.results) {
    // No address (DNS failed, or a proxy resolved it), or nothing was sent (the backend
    // cannot try the version, or tlsprobe failed): no evidence about the address itself.
    if (r.address.empty() || r.outcome.status == Status::unsupported || r.outcome.status == Status::error) continue;
    auto e = std::find_if(endpoints.begin(), endpoints.end(), [&](const auto& x) { return x.first == r.target.label; });
    if (e == endpoints.end()) e = endpoints.insert(endpoints.end(), {r.target.label, {}});
    auto a = std::find_if(e->second.begin(), e->second.end(), [&](const auto& x) { return x.first == r.address; });
    if (a == e->second.end()) a = e->second.insert(e->second.end(), {r.address, Seen{}});
    if (r.outcome.status == Status::unreachable) {
      if (!a->second.first_failure) a->second.first_failure = &r;
    } else {
      a->second.reached = true;
    }
  }
  std::vector<AddressNote> out;
  for (const auto& [endpoint, addresses] : endpoints) {
    const bool any_reached = std::any_of(addresses.begin(), addresses.end(), [](const auto& a) { return a.second.reached; });
    if (!any_reached) continue;
    for (const auto& [address, seen] : addresses)
      if (!seen.reached && seen.first_failure) out.push_back({endpoint, address, seen.first_failure->outcome});
  }
  return out;
}

}  // namespace tlsprobe
