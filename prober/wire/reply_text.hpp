#pragma once
// One line of evidence per parser verdict, for error messages and test failures.
#include <string>

#include "wire/reply_parser.hpp"

namespace tlsprobe::wire {

// "ServerHello TLS 1.2 (0x0303), cipher 0xC02F", "fatal alert 70 protocol_version",
// "plaintext HTTP: HTTP/1.1 400 Bad Request", ...
std::string describe(const ReplyResult& result);

}  // namespace tlsprobe::wire
