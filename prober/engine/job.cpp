#include "engine/job.hpp"

#include "core/target.hpp"

namespace tlsprobe {

std::string sni_for(const Target& target, const EngineOptions& options) {
  if (!options.sni.empty()) return options.sni;
  return is_ip_literal(target.host) ? std::string() : target.host;
}

HandshakeRequest handshake_request(const Job& job, const Target& target, const EngineOptions& options) {
  HandshakeRequest request;
  request.version = job.version;
  request.sni = sni_for(target, options);
  request.verify_name = options.sni.empty() ? target.host : options.sni;
  request.deadline = std::chrono::steady_clock::now() + options.handshake_timeout;
  if (job.http) request.http = options.http_check;
  if (job.scan && !job.scan_groups) request.offer_suites = job.offer;
  if (job.scan_groups) request.offer_groups = job.offer;
  request.capture_wire = options.capture_wire;
  return request;
}

}  // namespace tlsprobe
