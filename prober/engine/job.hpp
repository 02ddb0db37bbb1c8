#pragma once
// One attempt the engine queues: a matrix cell, the --http-check handshake of an accepted
// cell, or one step of a --ciphers scan.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "backends/backend.hpp"
#include "engine/engine.hpp"
#include "core/result.hpp"
#include "net/proxy.hpp"

namespace tlsprobe {

struct Job {
  CellPosition key;
  std::size_t target;
  boost::asio::ip::tcp::endpoint address;  // the server, or the proxy when `proxy` is set
  Backend* backend;
  Version version;
  std::optional<ProxyConfig> proxy;
  bool http = false;  // the --http-check attempt of an accepted cell, not a matrix cell
  bool scan = false;  // one step of a --ciphers scan of an accepted cell
  bool scan_groups = false;  // ... of its key exchange groups instead of its suites
  std::vector<std::uint16_t> offer;  // scan: the suites (or groups) this step offers
  int deferrals = 0;  // times it waited for a descriptor (EMFILE) held by another attempt
};

// The SNI an attempt sends: --sni, else the host name; none for an address literal.
std::string sni_for(const Target& target, const EngineOptions& options);

// What the backend is asked to do for a job: the version, the names, the deadline, and for
// --http-check and --ciphers jobs the request or the suites / groups to offer.
HandshakeRequest handshake_request(const Job& job, const Target& target, const EngineOptions& options);

}  // namespace tlsprobe
