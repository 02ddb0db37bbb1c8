#pragma once
// --pcap: every attempt's bytes as a pcapng file Wireshark and tshark open. Each attempt is its
// own TCP stream with its real addresses and ports, framed with synthetic IP and TCP headers
// (SYN, SYN-ACK, ACK, the data both ways, FIN) so the dissectors reassemble it; its first
// packet carries a comment naming the backend, version, endpoint and outcome.
#include <string>

#include "core/result.hpp"

namespace tlsprobe {

// The whole file's bytes; attempts without a capture (nothing connected) are left out.
std::string render_pcapng(const Report& report);

}  // namespace tlsprobe
