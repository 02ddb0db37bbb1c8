#include "engine/scan_step.hpp"

#include <algorithm>

namespace tlsprobe {

bool advance_scan(CipherScan& scan, std::vector<std::uint16_t>& offer, const Outcome& o, bool groups) {
  if (o.status == Status::accepted) {
    const auto chosen = groups ? o.key_group : o.cipher_suite;
    const auto picked = chosen ? std::find(offer.begin(), offer.end(), *chosen) : offer.end();
    if (picked == offer.end()) {
      scan.stopped = groups ? "the server chose a group it was not offered, or none could be read"
                            : "the server chose a suite it was not offered (" + o.cipher + ")";
      return false;
    }
    scan.accepted.push_back(*picked);
    offer.erase(picked);
    scan.complete = offer.empty();  // it accepts every one offered
    return !offer.empty();
  }
  const auto c = o.error.cls;
  if (o.status == Status::rejected && (c == ErrorClass::alert || c == ErrorClass::closed)) {
    scan.complete = true;
    return false;
  }
  scan.stopped = std::string(to_string(o.status)) + " (" + std::string(to_string(c)) + "): " + o.error.message;
  return false;
}

}  // namespace tlsprobe
