#pragma once
// The one interface every TLS stack implements. A backend gets a connected socket and
// one version to force; it returns what happened as data and never prints.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/outcome.hpp"
#include "core/version.hpp"

namespace tlsprobe {

namespace asio = boost::asio;

struct Support {
  bool ok = true;
  std::string reason;                       // why not, in words a user can act on
  std::optional<std::uint32_t> sec_status{};  // SChannel: the SECURITY_STATUS that said no
};

// --http-check: what to ask after an accepted handshake. The Host header is the request's
// SNI (or its verify name for an IP literal target).
struct HttpCheckConfig {
  std::string path = "/";
  // Counted from the request's start: the handshake timeout again, so a server that
  // swallows the request costs one more handshake deadline, never an open-ended wait.
  std::chrono::milliseconds timeout{10000};
};

struct HandshakeRequest {
  Version version = Version::tls1_2;
  std::string sni;          // empty: send no server_name (IP literal targets)
  std::string verify_name;  // host name or IP the certificate must match
  std::chrono::steady_clock::time_point deadline;
  // Set: after an accepted handshake send this request and report the answer. The engine
  // asks for it only once the address's version matrix is done (see engine.cpp).
  std::optional<HttpCheckConfig> http;
  // --ciphers: offer exactly these suites (a backend whose scan_candidates() is not empty
  // honours it; the engine sets it only for those).
  std::vector<std::uint16_t> offer_suites;
  // --ciphers: offer exactly these groups (supported_groups; backends with scan_group_candidates()).
  std::vector<std::uint16_t> offer_groups;
  // --pcap: keep every byte of the connection in Outcome::wire.
  bool capture_wire = false;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string_view name() const = 0;
  // Decided at run time: what this build, on this machine, can attempt.
  virtual Support supports(Version v) const = 0;
  virtual asio::awaitable<Outcome> handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) = 0;
  // Whether handshake() honours HandshakeRequest::http (the raw backend ends at the ServerHello).
  virtual bool checks_http() const { return false; }
  // --ciphers: the suites this backend can offer one by one at `v` to learn which the server
  // accepts; empty for a stack that cannot be made to offer a chosen list (the raw backend can).
  virtual std::vector<std::uint16_t> scan_candidates(Version) const { return {}; }
  // The same for key exchange groups, where the server's choice can be read (TLS 1.3: the
  // ServerHello's key_share or the HelloRetryRequest's selected_group).
  virtual std::vector<std::uint16_t> scan_group_candidates(Version) const { return {}; }
};

struct BackendConfig {
  std::string ca_file;       // empty: the system trust store
  bool large_hello = false;  // raw backend: a full-size ClientHello instead of one under 512 bytes
  // OpenSSL backend, --openssl-ciphers: its cipher list for TLS 1.0 to 1.2 instead of the
  // default (to see what a machine with fewer suites gets); TLS 1.3 suites are left alone.
  std::string openssl_ciphers;
  // OpenSSL backend: append each session's secrets to this file in the NSS key log format
  // (SSLKEYLOGFILE, as curl and browsers honour it) so Wireshark can decrypt a capture. The
  // front end reads the environment; empty: no key log.
  std::string keylog_file;
};

}  // namespace tlsprobe
