#pragma once
// What the engine decides about an attempt's outcome before recording it.
#include <exception>
#include <string>

#include "core/outcome.hpp"

namespace tlsprobe {

// --retries: only failures a second try can change (reset, timeout, close); an alert or a
// refusal is the server's answer.
bool retryable(const Outcome& o);

// No descriptor for the connect (EMFILE, ENFILE): this machine's limit, never the server's.
bool out_of_descriptors(const Outcome& o);

// What an exception escaping a backend says, for the internal-fault cell it becomes.
std::string fault_text(std::exception_ptr fault);

}  // namespace tlsprobe
