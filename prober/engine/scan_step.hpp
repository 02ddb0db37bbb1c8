#pragma once
// One step of a --ciphers scan, judged: pure, so the rules are tested without a server.
#include <cstdint>
#include <vector>

#include "core/outcome.hpp"
#include "core/result.hpp"

namespace tlsprobe {

// The server answered `offer` with `o`. Its choice (the suite, or with `groups` the key
// exchange group) is recorded in `scan` and taken off `offer`; true when the scan goes on with
// what is left. A refusal of what is left (an alert, or a close without one, as some servers
// answer "no suite") ends the scan complete, as does an empty offer; anything else (a timeout,
// a reset, a choice we did not offer) ends it with what it saw and why in `scan.stopped`.
bool advance_scan(CipherScan& scan, std::vector<std::uint16_t>& offer, const Outcome& o, bool groups);

}  // namespace tlsprobe
