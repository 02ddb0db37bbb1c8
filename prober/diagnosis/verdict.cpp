#include "diagnosis/verdict.hpp"

#include <algorithm>
#include <set>

#include "diagnosis/connectivity.hpp"

namespace tlsprobe {
namespace {

using Cells = std::vector<const AttemptResult*>;

bool any(const Cells& cells, auto pred) { return std::any_of(cells.begin(), cells.end(), pred); }
bool all(const Cells& cells, auto pred) { return std::all_of(cells.begin(), cells.end(), pred); }

bool is_accepted(const AttemptResult* r) { return r->outcome.status == Status::accepted; }
// A stack on this machine could not offer the version. A local socket error (status
// unreachable, class local) is not that: it says nothing about TLS.
bool is_local(const AttemptResult* r) {
  return r->outcome.status == Status::unsupported ||
         (r->outcome.error.cls == ErrorClass::local && r->outcome.status != Status::unreachable);
}
bool is_path_like(const AttemptResult* r) {
  const auto c = r->outcome.error.cls;
  return c == ErrorClass::reset || c == ErrorClass::timeout || c == ErrorClass::closed || c == ErrorClass::proxy;
}

CellSeen seen(const AttemptResult* r) { return CellSeen{r->backend, r->address, r->outcome}; }

// The suites a hello offers that name a cipher: GREASE (RFC 8701) and the signalling values
// (RFC 5746 §3.3, RFC 7507) left out.
std::vector<std::uint16_t> real_suites(const ClientHelloInfo& h) {
  std::vector<std::uint16_t> out;
  for (const auto s : h.cipher_suites)
    if (!is_grease(s) && !is_signalling_suite(s)) out.push_back(s);
  return out;
}

std::vector<std::uint16_t> real_groups(const ClientHelloInfo& h) {
  std::vector<std::uint16_t> out;
  for (const auto g : h.supported_groups)
    if (!is_grease(g)) out.push_back(g);
  return out;
}

// Every failing stack that sent a hello offered none of what the server accepts, by complete
// scans: the gaps; empty when any scan is incomplete, none exists, or some failing stack did
// offer an accepted one (its failure is something else). `offered` reads suites or groups.
std::vector<CipherGap> gaps_of(const Cells& attempted, const std::vector<const CipherScan*>& scans,
                               std::vector<std::uint16_t> (*offered_by)(const ClientHelloInfo&)) {
  std::vector<std::uint16_t> server;
  for (const auto* scan : scans) {
    if (!scan->complete) return {};
    for (const auto s : scan->accepted)
      if (std::find(server.begin(), server.end(), s) == server.end()) server.push_back(s);
  }
  if (server.empty()) return {};
  std::vector<CipherGap> gaps;
  for (const auto* r : attempted) {
    if (r->outcome.status != Status::rejected || !r->outcome.client_hello) continue;
    const auto offered = offered_by(*r->outcome.client_hello);
    const bool common = std::any_of(offered.begin(), offered.end(), [&](std::uint16_t s) {
      return std::find(server.begin(), server.end(), s) != server.end();
    });
    if (common) return {};
    if (std::none_of(gaps.begin(), gaps.end(), [&](const CipherGap& g) { return g.backend == r->backend; }))
      gaps.push_back(CipherGap{r->backend, offered, server});
  }
  return gaps;
}

Verdict judge(const std::string& endpoint, Version v, const Cells& all_cells, const std::optional<LocalFacts>& local,
              const std::vector<const CipherScan*>& scans, const std::vector<const CipherScan*>& group_scans) {
  Verdict out;
  out.endpoint = endpoint;
  out.version = v;
  for (const auto* r : all_cells) out.cells.push_back(seen(r));
  // Where the server answered an attempt, one that never reached it (a local socket error on
  // one try) says nothing about the version; a proxy failing on some attempts only is still
  // the path's doing.
  Cells cells = all_cells;
  const auto reached = [](const AttemptResult* r) {
    return r->outcome.status == Status::accepted || r->outcome.status == Status::rejected;
  };
  if (any(cells, reached))
    std::erase_if(cells, [](const AttemptResult* r) {
      return r->outcome.status == Status::unreachable && r->outcome.error.cls != ErrorClass::proxy;
    });
  const auto tried = [](const AttemptResult* r) { return r->outcome.status != Status::unsupported; };
  Cells attempted;
  std::copy_if(cells.begin(), cells.end(), std::back_inserter(attempted), tried);
  const bool server_accepts = any(cells, is_accepted);
  out.server_accepts = server_accepts;
  std::set<std::string> accepting_addresses, failing_addresses;
  for (const auto* r : attempted) (is_accepted(r) ? accepting_addresses : failing_addresses).insert(r->address);

  const bool old = v < Version::tls1_2;
  if (local) {
    const auto it = local->versions.find(v);
    if (it != local->versions.end() && it->second.blocked) out.registry = it->second;
  }
  // An old version switched off on the client is the hardening Azure asks for: evidence only.
  const bool blocked = out.registry && !old;
  const auto decide = [&out](Cause cause, Reason reason) {
    out.cause = cause;
    out.reason = reason;
    return out;
  };

  // The handshake went through but the first request did not: the middlebox that lets a
  // hello pass and resets on the first application byte (--http-check).
  if (!old && !blocked && all(cells, is_accepted)) {
    for (const auto* r : cells) {
      if (!r->outcome.http || !r->outcome.http->error) continue;
      out.decisive = seen(r);
      return decide(Cause::path, Reason::cut_after_handshake);
    }
  }
  if (server_accepts && (old || (all(cells, is_accepted) && !blocked)))
    return decide(Cause::works, old ? Reason::still_accepted : Reason::works);
  // This machine: a stack refused to try, or the registry keeps SChannel from offering it,
  // while the server is seen to accept it.
  if (blocked) return decide(Cause::local, Reason::blocked_by_registry);
  if (server_accepts && any(cells, is_local)) {
    std::set<std::string> stacks;
    for (const auto* r : cells)
      if (is_local(r)) stacks.insert(r->backend);
    out.stacks.assign(stacks.begin(), stacks.end());
    return decide(Cause::local, Reason::stack_cannot_offer);
  }
  // This machine, too: the server accepts the version, but only with suites a failing stack
  // never offered (--ciphers knows which the server takes).
  if (server_accepts) {
    if (auto gaps = gaps_of(attempted, scans, real_suites); !gaps.empty()) {
      out.cipher_gaps = std::move(gaps);
      return decide(Cause::local, Reason::no_common_cipher);
    }
    // TLS 1.3: the key share needs a group both sides have (RFC 8446 §4.2.7), scanned too.
    if (auto gaps = gaps_of(attempted, group_scans, real_groups); !gaps.empty()) {
      out.group_gaps = std::move(gaps);
      return decide(Cause::local, Reason::no_common_group);
    }
  }
  if (attempted.empty()) return decide(Cause::local, Reason::no_stack_can_try);
  out.decisive = seen(attempted.front());
  if (all(attempted, [](const AttemptResult* r) { return r->outcome.status == Status::unreachable; }))
    return decide(Cause::unreachable, Reason::never_reached);
  // The path: the same server answers differently by address, by stack, or only through a
  // proxy; or a middlebox resets or stalls a hello that the server itself accepts.
  if (server_accepts || (!accepting_addresses.empty() && !failing_addresses.empty()) ||
      any(attempted, [](const AttemptResult* r) { return r->outcome.error.cls == ErrorClass::proxy; })) {
    out.failing_addresses.assign(failing_addresses.begin(), failing_addresses.end());
    out.decisive.reset();
    return decide(Cause::path, Reason::split_on_path);
  }
  const bool uniform_refusal = all(attempted, [](const AttemptResult* r) {
    return r->outcome.status == Status::rejected &&
           (r->outcome.error.cls == ErrorClass::alert || r->outcome.error.cls == ErrorClass::reset ||
            r->outcome.error.cls == ErrorClass::version_mismatch || r->outcome.error.cls == ErrorClass::closed);
  });
  if (uniform_refusal) {
    // Below 1.2 a refusal is the deprecation itself; TLS 1.3 is welcome but not required:
    // Azure Backup needs TLS 1.2.
    out.expected = v != Version::tls1_2;
    out.decisive.reset();
    return decide(Cause::server, Reason::refused_everywhere);
  }
  return decide(any(attempted, is_path_like) ? Cause::path : Cause::server, Reason::failed);
}

}  // namespace

std::string_view to_string(Cause c) {
  switch (c) {
    case Cause::works: return "works";
    case Cause::local: return "local";
    case Cause::path: return "path";
    case Cause::server: return "server";
    case Cause::unreachable: return "unreachable";
  }
  return "?";
}

std::string_view to_string(Reason r) {
  switch (r) {
    case Reason::works: return "works";
    case Reason::still_accepted: return "still_accepted";
    case Reason::cut_after_handshake: return "cut_after_handshake";
    case Reason::blocked_by_registry: return "blocked_by_registry";
    case Reason::stack_cannot_offer: return "stack_cannot_offer";
    case Reason::no_common_cipher: return "cipher_suites";
    case Reason::no_common_group: return "groups";
    case Reason::no_stack_can_try: return "no_stack_can_try";
    case Reason::never_reached: return "never_reached";
    case Reason::split_on_path: return "split_on_path";
    case Reason::refused_everywhere: return "refused_everywhere";
    case Reason::failed: return "failed";
  }
  return "?";
}

std::vector<Verdict> diagnose(const Report& report, const std::optional<LocalFacts>& local) {
  std::vector<std::string> endpoints;
  for (const auto& r : report.results)
    if (std::find(endpoints.begin(), endpoints.end(), r.target.label) == endpoints.end())
      endpoints.push_back(r.target.label);
  const auto dead = unreachable_addresses(report);
  const auto is_dead = [&dead](const AttemptResult& r) {
    return std::any_of(dead.begin(), dead.end(),
                       [&r](const AddressNote& n) { return n.endpoint == r.target.label && n.address == r.address; });
  };
  std::vector<Verdict> out;
  for (const auto& endpoint : endpoints) {
    std::vector<std::string> left_out;
    for (const auto& n : dead)
      if (n.endpoint == endpoint) left_out.push_back(n.address);
    for (const auto v : report.versions) {
      Cells cells;
      // tlsprobe's own faults (status error) are no evidence about anything outside it.
      for (const auto& r : report.results)
        if (r.target.label == endpoint && r.version == v && r.outcome.status != Status::error && !is_dead(r))
          cells.push_back(&r);
      if (cells.empty()) continue;
      std::vector<const CipherScan*> scans, group_scans;
      for (const auto& scan : report.cipher_scans)
        if (scan.endpoint == endpoint && scan.version == v) scans.push_back(&scan);
      for (const auto& scan : report.group_scans)
        if (scan.endpoint == endpoint && scan.version == v) group_scans.push_back(&scan);
      auto verdict = judge(endpoint, v, cells, local, scans, group_scans);
      verdict.unreachable_addresses = left_out;
      out.push_back(std::move(verdict));
    }
  }
  return out;
}

}  // namespace tlsprobe
