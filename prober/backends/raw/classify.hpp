#pragma once
// Folds the reply parser's verdict and what the socket did into the outcome taxonomy.
#include <cstddef>
#include <optional>

#include "core/outcome.hpp"
#include "wire/reply_parser.hpp"

namespace tlsprobe::raw {

struct Observation {
  Version requested = Version::tls1_2;
  wire::ReplyResult reply;         // the parser's verdict on everything received
  std::size_t bytes_received = 0;
  bool timed_out = false;
  bool eof = false;
  // Any other socket error, already in both numbering schemes (net/connect.hpp
  // socket_failure), so the Windows build reports 104 / 10054 like the Linux one.
  std::optional<Outcome> socket_error;
};

// The raw backend sees acceptance, not a finished handshake: a ServerHello carrying the
// forced version is `accepted`, with the cipher the server chose.
Outcome classify(const Observation& o);

}  // namespace tlsprobe::raw
