#include "net/http_head.hpp"

#include <algorithm>

#include "core/target.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>

namespace tlsprobe {

namespace http = boost::beast::http;

std::string host_header(const std::string& name) { return bracketed(name); }

http::request<http::empty_body> head_request(const std::string& path, const std::string& host) {
  http::request<http::empty_body> req{http::verb::head, path, 11};
  req.set(http::field::host, host_header(host));
  req.set(http::field::user_agent, "tlsprobe/" TLSPROBE_VERSION);
  // One request, then we leave: the server need not hold the connection for a second one.
  req.set(http::field::connection, "close");
  return req;
}

std::string head_request_text(const std::string& path, const std::string& host) {
  std::ostringstream wire;
  wire << head_request(path, host);
  return wire.str();
}

std::string status_line(unsigned version, unsigned status, std::string_view reason) {
  std::string s = "HTTP/" + std::to_string(version / 10) + "." + std::to_string(version % 10) + " " +
                  std::to_string(status);
  if (!reason.empty()) s += " " + std::string(reason);
  return s;
}

std::string status_line(const boost::beast::http::response_header<>& head) {
  const std::string_view reason = head.reason();
  const bool placeholder = reason == boost::beast::http::obsolete_reason(boost::beast::http::status::unknown);
  return status_line(head.version(), head.result_int(), placeholder ? std::string_view() : reason);
}

HeadResponseReader::HeadResponseReader() {
  parser_.skip(true);
  parser_.header_limit(static_cast<std::uint32_t>(http_header_limit));
  parser_.eager(false);
}

bool HeadResponseReader::feed(std::string_view bytes, boost::system::error_code& ec) {
  if (error_ || done()) {
    ec = error_;
    return done() && !error_;
  }
  // The header is held here until its end has arrived, then parsed in one piece: Beast
  // checks header_limit per put() only, and decides a header differently by how it was cut
  // (found by fuzzing), so how the peer's bytes were split must not change the verdict.
  pending_.append(bytes);
  // An answer that does not start as one (an SSH banner, TLS, a block page's garbage) is
  // refused at once, decided on the first five bytes whatever the cuts.
  constexpr std::string_view magic = "HTTP/";
  const std::size_t head = std::min(pending_.size(), magic.size());
  if (std::string_view(pending_).substr(0, head) != magic.substr(0, head)) {
    error_ = http::error::bad_version;
    ec = error_;
    return false;
  }
  const auto crlf = pending_.find("\r\n\r\n");
  const auto lf = pending_.find("\n\n");
  const std::size_t end = std::min(crlf == std::string::npos ? crlf : crlf + 4, lf == std::string::npos ? lf : lf + 2);
  if (end == std::string::npos || end > http_header_limit) {
    if (pending_.size() > http_header_limit || end != std::string::npos) error_ = http::error::header_limit;
    ec = error_;
    return false;
  }
  boost::system::error_code step;
  parser_.put(boost::asio::buffer(pending_.data(), end), step);
  pending_.clear();
  if (!step && !done()) step = http::error::partial_message;
  // RFC 9110 15: a status is three digits, 100 to 599; Beast takes any number.
  if (!step && (parser_.get().result_int() < 100 || parser_.get().result_int() > 599)) step = http::error::bad_status;
  error_ = step;
  ec = error_;
  return done() && !error_;
}

int HeadResponseReader::status() const { return static_cast<int>(parser_.get().result_int()); }

std::string HeadResponseReader::status_line() const {
  return tlsprobe::status_line(parser_.get().base());
}

}  // namespace tlsprobe
