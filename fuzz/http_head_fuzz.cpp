// libFuzzer target for --http-check's HeadResponseReader: whatever a server or a middlebox
// answers to HEAD, and however TLS records cut it up, the reader must not crash, must reach
// the same outcome, and must hold the header to http_header_limit.
#include <boost/system/error_code.hpp>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "net/http_head.hpp"
#include "split_plan.hpp"

namespace {

using tlsprobe::HeadResponseReader;
namespace fuzz = tlsprobe::fuzz;

using tlsprobe::fuzz::require;

std::string_view text(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

struct Outcome {
  bool done = false;
  boost::system::error_code ec;
  int status = 0;
  std::string status_line;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome read(std::span<const std::uint8_t> bytes, const fuzz::Plan& plan) {
  HeadResponseReader reader;
  Outcome out;
  fuzz::feed_pieces(bytes, plan, [&](std::span<const std::uint8_t> piece) {
    boost::system::error_code ec;
    const bool done = reader.feed(text(piece), ec);
    require(done == (reader.done() && !ec));
    // An error stays, and a finished header stays finished: later bytes are the body or
    // whatever comes after, never a second answer.
    require(!out.ec || ec == out.ec);
    require(!out.done || done);
    out.done = done;
    out.ec = ec;
  });
  if (out.done) {
    out.status = reader.status();
    out.status_line = reader.status_line();
  }
  return out;
}

// Where the header ends, as the reader decides it: the first empty line, CR LF CR LF or a
// bare LF LF.
std::size_t header_end(std::string_view s) {
  const auto crlf = s.find("\r\n\r\n");
  const auto lf = s.find("\n\n");
  return std::min(crlf == std::string_view::npos ? crlf : crlf + 4, lf == std::string_view::npos ? lf : lf + 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  constexpr std::size_t limit = tlsprobe::http_header_limit;
  const std::size_t end = header_end(text(bytes));
  // Without a blank line in the first limit bytes the header cannot fit any more, and
  // Beast may say so before the next byte comes, or not.
  const bool over_limit = end == std::string_view::npos ? size >= limit : end > limit;

  // Single bytes for the first KiB only: the reader re-offers its pending bytes on every feed,
  // and the cuts that change Beast's course come early (its first put decides how it goes on).
  const Outcome whole = read(bytes, fuzz::whole_plan(size));
  const Outcome fine = read(bytes, fuzz::fine_plan(size, 1024));
  const Outcome hashed = read(bytes, fuzz::hashed_plan(bytes, 256));
  require(!(whole.done && whole.ec));

  // However the bytes were cut, the same outcome, error code included.
  require(fine == whole);
  require(hashed == whole);
  // Nothing over the limit is ever an answer.
  if (over_limit) require(!whole.done);

  if (whole.done) {
    require(end != std::string_view::npos);
    // RFC 9110 15: 100 to 599.
    require(whole.status >= 100 && whole.status <= 599);
    // "HTTP/1.x " and then the status.
    const std::string digits = std::to_string(whole.status);
    require(whole.status_line.starts_with("HTTP/1.") && whole.status_line.compare(9, digits.size(), digits) == 0);

    // The status line as we report it reads back as itself. An empty reason phrase is left
    // out of the report, but on the wire it still follows a space (RFC 9112 §4).
    const bool no_reason = whole.status_line.size() == 9 + digits.size();
    const std::string again = whole.status_line + (no_reason ? " " : "") + "\r\n\r\n";
    const Outcome reread = read({reinterpret_cast<const std::uint8_t*>(again.data()), again.size()},
                                fuzz::whole_plan(again.size()));
    require(reread.done && reread.status == whole.status && reread.status_line == whole.status_line);
  }
  return 0;
}
