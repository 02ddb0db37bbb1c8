#pragma once
// What the engine decides about an attempt's outcome before recording it.
#include <chrono>
#include <exception>
#include <string>

#include "core/outcome.hpp"

namespace tlsprobe {

// --retries: only failures a second try can change (reset, timeout, close); an alert or a
// refusal is the server's answer.
bool retryable(const Outcome& o);

// No descriptor for the connect (EMFILE, ENFILE): this machine's limit, never the server's.
bool out_of_descriptors(const Outcome& o);

// A refused or timed-out connect says the same for every cell still queued for the address
// ("one connect decides an address"); --retries asks for each to be tried instead.
bool decides_address(const Outcome& o);

// A connect that failed on the way to a proxy is the proxy's failure (class and phase proxy),
// unless this machine's own socket layer refused it.
void blame_proxy(Outcome& o, const std::string& proxy);

// The --http-check attempt's result put on the cell it checks: its HTTP answer, or why the
// handshake meant to carry the request failed (an accepted one that carried nothing is our
// fault: class internal). Its bytes (--pcap) stand for the cell: they hold the handshake too.
void add_http_check(Outcome& cell, Outcome check, const std::string& path, std::chrono::milliseconds elapsed);

// What an exception escaping a backend says, for the internal-fault cell it becomes.
std::string fault_text(std::exception_ptr fault);

}  // namespace tlsprobe
