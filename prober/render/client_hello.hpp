#pragma once
// --show-hello: what each local stack really offered, one block per backend and version (the
// first attempt's hello; the others differ only in their random bytes and server name).
#include <string>

#include "core/result.hpp"

namespace tlsprobe {

// "" when no attempt captured a hello.
std::string render_client_hellos(const Report& report);

// "212 bytes, legacy 0x0303, 31 suites, JA4 t12i3109h1_...": the one line a block opens with.
std::string client_hello_line(const ClientHelloInfo& h);

}  // namespace tlsprobe
