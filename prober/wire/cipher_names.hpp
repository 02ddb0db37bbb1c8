#pragma once
#include <cstdint>
#include <string>

namespace tlsprobe::wire {

// "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" for 0xC02F; "0x1234" for a suite we never offer.
std::string cipher_name(std::uint16_t suite);

}  // namespace tlsprobe::wire
