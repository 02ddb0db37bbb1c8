#pragma once
// --http-check's HTTP side, shared by the backends: the HEAD request's text, the answer's
// header parsed from plaintext bytes, the status line. No sockets and no TLS: the OpenSSL
// backend writes and reads through its stream, the SChannel backend through EncryptMessage
// and DecryptMessage, and both hand the bytes here.
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tlsprobe {

// The answer's header may be at most this long; a middlebox's block page can be chatty,
// but nothing legitimate needs more, and the limit bounds what a hostile peer can make us hold.
inline constexpr std::size_t http_header_limit = 16 * 1024;

// The Host header value for a name or address literal: IPv6 in brackets (RFC 9110 7.2). No
// port: the request goes to the TLS port, and virtual hosts match on the name alone.
std::string host_header(const std::string& name);

// HEAD `path` HTTP/1.1 with Host, User-Agent and Connection: close.
boost::beast::http::request<boost::beast::http::empty_body> head_request(const std::string& path,
                                                                         const std::string& host);
// The same request as the bytes on the wire.
std::string head_request_text(const std::string& path, const std::string& host);

// "HTTP/1.1 200 OK": version 11, status 200, reason "OK" (the reason may be empty in HTTP/1.1).
std::string status_line(unsigned version, unsigned status, std::string_view reason);
// The status line of a parsed answer (the HEAD answer, a proxy's answer to CONNECT). Beast
// hands back "<unknown-status>" for a reason phrase the peer left empty on a status it does
// not know; that is Beast's word, not the peer's, and is left out.
std::string status_line(const boost::beast::http::response_header<>& head);

// The answer to HEAD, its header parsed from plaintext as it arrives, in pieces of any size.
// The answer has no body whatever Content-Length says (RFC 9110 9.3.2): the header is all.
class HeadResponseReader {
 public:
  HeadResponseReader();

  // Feeds the next plaintext bytes. True once the header is complete; an error (not HTTP,
  // a header over http_header_limit) lands in `ec` and stays.
  bool feed(std::string_view bytes, boost::system::error_code& ec);
  bool done() const { return parser_.is_header_done() && !error_; }
  // Once done(): 200, and "HTTP/1.1 200 OK".
  int status() const;
  std::string status_line() const;

 private:
  boost::beast::http::response_parser<boost::beast::http::empty_body> parser_;
  std::string pending_;  // fed, held until the header's end arrives
  boost::system::error_code error_;
};

}  // namespace tlsprobe
