#include "net/http_head.hpp"

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
  pending_.append(bytes);
  // The parser takes whole lines only and says need_more for the rest, which stays here
  // until the next bytes complete it; it counts the header against the limit itself.
  while (!pending_.empty() && !done()) {
    boost::system::error_code step;
    const auto used = parser_.put(boost::asio::buffer(pending_), step);
    pending_.erase(0, used);
    if (step == http::error::need_more) break;
    if (step) {
      error_ = step;
      break;
    }
    if (used == 0) break;
  }
  // Beast enforces the limit only on what it has seen as a unit; bytes held back here count too.
  if (!error_ && !done() && pending_.size() > http_header_limit) error_ = http::error::header_limit;
  ec = error_;
  return done() && !error_;
}

int HeadResponseReader::status() const { return static_cast<int>(parser_.get().result_int()); }

std::string HeadResponseReader::status_line() const {
  const auto& res = parser_.get();
  return tlsprobe::status_line(res.version(), res.result_int(), res.reason());
}

}  // namespace tlsprobe
