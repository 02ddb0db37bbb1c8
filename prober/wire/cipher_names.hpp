#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tlsprobe::wire {

// "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" for 0xC02F; "0x1234" for a suite we never offer.
std::string cipher_name(std::uint16_t suite);

// Every suite with a name here, in number order.
std::vector<std::uint16_t> named_suites();

}  // namespace tlsprobe::wire
