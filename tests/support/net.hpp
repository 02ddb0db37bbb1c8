#pragma once
// Loopback helpers: every address here is 127.0.0.1 or ::1, never anything beyond.
#include <chrono>
#include <cstdint>
#include <string>

namespace tlsprobe::test {

// A port the kernel just handed out on `host` and that nothing listens on now. Another
// process could take it before the server does; the ephemeral range makes that unlikely.
std::uint16_t free_port(const std::string& host = "127.0.0.1");

// True when a TCP connect to host:port succeeds right now.
bool port_accepts(const std::string& host, std::uint16_t port);

// Sends `bytes`, half-closes, and returns what the peer sent until it closed, reset, or
// `timeout` passed: a raw look at a scripted server without any TLS library in between.
std::string exchange(const std::string& host, std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds timeout);

// False on machines (containers) where ::1 is missing or IPv6 is disabled.
bool can_bind_ipv6_loopback();

}  // namespace tlsprobe::test
