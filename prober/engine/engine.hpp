#pragma once
// Turns targets x backends x versions into attempts and runs them concurrently on one
// Asio thread, within a global and a per-address limit, each phase under its own deadline.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "core/result.hpp"
#include "core/target.hpp"
#include "core/version.hpp"
#include "net/proxy.hpp"

namespace tlsprobe {

// all: every address of the families this machine can reach (AI_ADDRCONFIG); all_families:
// every A and AAAA record; first: the first address only.
enum class AddressMode { all, all_families, first };

struct EngineOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds handshake_timeout{10000};
  int retries = 0;      // extra tries for a failure of class reset, timeout or closed
  int concurrency = 64; // attempts in flight at once
  int per_host = 10;    // attempts in flight at once against one address
  AddressMode addresses = AddressMode::all;
  std::string sni;      // overrides the host name as SNI
  // The proxy and its exemptions as the front end decided them (proxy_settings_from_environment
  // for the CLI); nothing here reads the environment.
  std::optional<ProxyConfig> proxy;
  std::string no_proxy;
  // --resolve: addresses to use for host:port instead of asking DNS (as curl's --resolve),
  // to probe one front end of a name, or a name before its DNS record exists.
  std::map<std::pair<std::string, std::uint16_t>, std::vector<boost::asio::ip::address>> resolve;
  // --http-check: after an address's whole version matrix is done, each accepted cell of a
  // backend that can (Backend::checks_http) gets one more handshake with this request. Run
  // inside the matrix, a server that never answers would hold its connection until the HTTP
  // deadline, and on a single-connection server the cells queued behind it would time out.
  std::optional<HttpCheckConfig> http_check;
  // --ciphers: after an address's matrix, each version a scanning backend (scan_candidates())
  // saw accepted is scanned: offer every candidate, take away the suite the server picks,
  // again until it refuses. One connection per step, under the same limits and deadlines.
  bool cipher_scan = false;
  // --pcap: every attempt keeps its bytes (Outcome::wire) for the capture file.
  bool capture_wire = false;
};

struct Progress {
  int done = 0;
  int total = 0;  // grows while names resolve
};

using ProgressFn = std::function<void(const Progress&)>;

Report run_probe(const std::vector<Target>& targets, const std::vector<Backend*>& backends,
                 const std::vector<Version>& versions, const EngineOptions& options,
                 const ProgressFn& on_progress = {});

}  // namespace tlsprobe
