// libFuzzer target for a proxy's answer to CONNECT. open_tunnel reads the answer's header
// inside its coroutine, straight from the socket, so this target runs the same Beast read
// (async_read_header, the parser configured as in prober/net/proxy.cpp) over an in-memory
// stream fed in pieces, and hands the result to judge_connect_reply as open_tunnel does.
// Whatever the proxy sends, nothing may crash, the pieces must not change the verdict, and the
// verdict must keep judge_connect_reply's contract.
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "core/outcome.hpp"
#include "net/proxy.hpp"
#include "split_plan.hpp"

namespace {

namespace http = boost::beast::http;
namespace fuzz = tlsprobe::fuzz;

using tlsprobe::fuzz::require;

// proxy.cpp's open_tunnel: parser.header_limit(16 * 1024).
constexpr std::size_t connect_header_limit = 16 * 1024;

struct Answer {
  boost::system::error_code ec;
  unsigned status = 0;
  std::string line;                         // as open_tunnel builds it, when ec is clear
  std::optional<tlsprobe::Outcome> verdict;  // judge_connect_reply(status, line)
  bool tunnel_open = false;
  friend bool operator==(const Answer& a, const Answer& b) {
    const auto message = [](const Answer& x) { return x.verdict ? x.verdict->error.message : std::string(); };
    return a.ec == b.ec && a.status == b.status && a.line == b.line && a.tunnel_open == b.tunnel_open &&
           a.verdict.has_value() == b.verdict.has_value() && message(a) == message(b);
  }
};

// The proxy's side writes each piece, then the client's pending read gets to run; after the
// last piece the proxy closes, as a proxy that answered and hung up would.
Answer read_answer(std::span<const std::uint8_t> bytes, const fuzz::Plan& plan) {
  boost::asio::io_context io;
  boost::beast::test::stream client(io);
  boost::beast::test::stream proxy(io);
  client.connect(proxy);

  boost::beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);
  parser.header_limit(static_cast<std::uint32_t>(connect_header_limit));
  bool finished = false;
  boost::system::error_code ec;
  http::async_read_header(client, buffer, parser, [&](boost::system::error_code e, std::size_t) {
    finished = true;
    ec = e;
  });
  const auto run = [&] {
    io.restart();
    io.poll();
  };
  run();
  fuzz::feed_pieces(bytes, plan, [&](std::span<const std::uint8_t> piece) {
    if (finished) return;
    boost::system::error_code write_ec;
    proxy.write_some(boost::asio::buffer(piece.data(), piece.size()), write_ec);
    require(!write_ec);
    run();
  });
  if (!finished) {
    proxy.close();
    run();
  }
  require(finished);

  Answer out;
  out.ec = ec;
  if (ec) return out;
  // open_tunnel's status line, word for word.
  const auto& head = parser.get();
  out.status = head.result_int();
  out.line = "HTTP/" + std::to_string(head.version() / 10) + "." + std::to_string(head.version() % 10) + " " +
             std::to_string(head.result_int()) + " " + std::string(head.reason());
  out.verdict = tlsprobe::judge_connect_reply(head.result_int(), out.line);
  out.tunnel_open = head.result_int() >= 200 && head.result_int() < 300;
  return out;
}

// judge_connect_reply's contract: nothing for 2xx, else unreachable/proxy/proxy carrying the
// status line the caller gave.
void check_verdict(unsigned status, std::string_view line) {
  const auto verdict = tlsprobe::judge_connect_reply(status, line);
  require(verdict.has_value() == !(status >= 200 && status < 300));
  if (!verdict) return;
  require(verdict->status == tlsprobe::Status::unreachable);
  require(verdict->error.cls == tlsprobe::ErrorClass::proxy);
  require(verdict->error.phase == tlsprobe::Phase::proxy);
  require(!verdict->negotiated && !verdict->certificate && !verdict->http);
  require(verdict->error.message.ends_with(": " + std::string(line)));
}

// Whether reading in pieces came to the same answer as reading the input whole. Which error
// Beast names depends on where it stopped: after one need_more it parses again only once a
// blank line is there, so bytes it rejects at once when whole ("bad version") read as a
// header cut short at the close when cut ("partial message"). open_tunnel fails the attempt
// as a proxy failure either way, so two failures agree whatever their codes.
bool agrees(const Answer& cut, const Answer& whole) {
  if (whole.ec) return bool(cut.ec);
  return cut == whole;
}

// Where the header ends: Beast finishes it at the first empty line, so the first CR LF CR LF.
std::size_t header_end(std::span<const std::uint8_t> bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const auto at = text.find("\r\n\r\n");
  return at == std::string_view::npos ? std::string_view::npos : at + 4;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const std::size_t end = header_end(bytes);
  // Without a blank line in the first connect_header_limit bytes the header cannot fit any
  // more, and Beast may say so before the next byte comes, or not.
  const bool over_limit = end == std::string_view::npos ? size >= connect_header_limit : end > connect_header_limit;

  const Answer whole = read_answer(bytes, fuzz::whole_plan(size));
  // Each piece is a write and a turn of the event loop: single bytes for the status line and
  // the first fields only, where Beast's first put decides how it goes on.
  const Answer fine = read_answer(bytes, fuzz::fine_plan(size, 128));
  const Answer hashed = read_answer(bytes, fuzz::hashed_plan(bytes, 256));
  if (over_limit) {
    // KNOWN LIMIT of Beast's read, not fixed in prober/ yet: header_limit is checked against
    // each put() only, and what a put() consumed (the status line, whole field lines) is not
    // counted again, so a header over the limit may pass, depending on the cuts. The bytes
    // Beast holds stay bounded: no accepted header reaches three times the limit.
    for (const Answer* a : {&whole, &fine, &hashed}) require(a->ec || end <= 3 * connect_header_limit);
  } else {
    require(agrees(fine, whole));
    require(agrees(hashed, whole));
  }
  if (!whole.ec) {
    require(end != std::string_view::npos);
    check_verdict(whole.status, whole.line);
  }

  // Any status a caller might pass, not only those a parser lets through (the first four
  // bytes), with the rest as the line.
  if (size >= 4) {
    const unsigned status = unsigned{data[0]} << 24 | unsigned{data[1]} << 16 | unsigned{data[2]} << 8 | data[3];
    check_verdict(status, {reinterpret_cast<const char*>(data + 4), size - 4});
  }
  return 0;
}
