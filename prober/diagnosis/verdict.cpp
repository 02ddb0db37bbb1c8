#include "diagnosis/verdict.hpp"

#include <algorithm>
#include <set>

#include "diagnosis/connectivity.hpp"
#include "render/describe.hpp"

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

std::string cell_text(const AttemptResult* r) {
  std::string where = r->address.empty() ? "no address" : r->address;
  if (r->outcome.status == Status::accepted) return r->backend + " at " + where + ": accepted";
  return r->backend + " at " + where + ": " + failure_summary(r->outcome);
}

std::string version_name(Version v) { return std::string(display_name(v)); }

Verdict judge(const std::string& endpoint, Version v, const Cells& all_cells, const std::optional<LocalFacts>& local) {
  Verdict out;
  out.endpoint = endpoint;
  out.version = v;
  for (const auto* r : all_cells) out.evidence.push_back(cell_text(r));
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
  std::set<std::string> accepting_addresses, failing_addresses;
  for (const auto* r : attempted) (is_accepted(r) ? accepting_addresses : failing_addresses).insert(r->address);

  const bool old = v < Version::tls1_2;
  const LocalFacts::Entry* blocked = nullptr;
  if (local) {
    const auto it = local->versions.find(v);
    if (it != local->versions.end() && it->second.blocked) {
      // An old version switched off on the client is the hardening Azure asks for.
      if (old)
        out.evidence.push_back(it->second.why);
      else
        blocked = &it->second;
    }
  }

  // The handshake went through but the first request did not: the middlebox that lets a
  // hello pass and resets on the first application byte (--http-check).
  if (!old && !blocked && all(cells, is_accepted)) {
    for (const auto* r : cells) {
      if (!r->outcome.http || !r->outcome.http->error) continue;
      const auto& e = *r->outcome.http->error;
      Outcome as_failure;
      as_failure.status = Status::rejected;
      as_failure.error = e;
      out.cause = Cause::path;
      out.summary = version_name(v) + " handshake works, but the first request fails (" + failure_summary(as_failure) +
                    "): something on the path cuts the connection after the handshake";
      out.evidence.push_back(r->backend + " at " + r->address + ": HEAD " + r->outcome.http->path + " " +
                             failure_summary(as_failure));
      return out;
    }
  }
  if (server_accepts && (old || (all(cells, is_accepted) && !blocked))) {
    out.cause = Cause::works;
    out.summary = old ? version_name(v) + " is still accepted by the server: not deprecated there yet"
                      : version_name(v) + " works";
    return out;
  }
  // This machine: a stack refused to try, or the registry keeps SChannel from offering it,
  // while the server is seen to accept it.
  if (blocked || (server_accepts && any(cells, is_local))) {
    out.cause = Cause::local;
    if (blocked) {
      out.summary = version_name(v) + " is blocked on this machine: " + blocked->why;
      out.evidence.push_back(blocked->why);
      out.fix = blocked->fix;
    } else {
      std::set<std::string> stacks;
      for (const auto* r : cells)
        if (is_local(r)) stacks.insert(r->backend);
      std::string names;
      for (const auto& s : stacks) names += (names.empty() ? "" : ", ") + s;
      out.summary = version_name(v) + " fails locally: the server accepts it, but " + names + " on this machine cannot offer it";
    }
    if (server_accepts) out.summary += " (the server accepts it)";
    return out;
  }
  if (attempted.empty()) {
    out.cause = Cause::local;
    out.summary = "no stack on this machine can try " + version_name(v);
    return out;
  }
  if (all(attempted, [](const AttemptResult* r) { return r->outcome.status == Status::unreachable; })) {
    out.cause = Cause::unreachable;
    out.summary = version_name(v) + " never got a chance: " + failure_summary(attempted.front()->outcome);
    return out;
  }
  // The path: the same server answers differently by address, by stack, or only through a
  // proxy; or a middlebox resets or stalls a hello that the server itself accepts.
  if (server_accepts || (!accepting_addresses.empty() && !failing_addresses.empty()) ||
      any(attempted, [](const AttemptResult* r) { return r->outcome.error.cls == ErrorClass::proxy; })) {
    out.cause = Cause::path;
    std::string bad;
    for (const auto& a : failing_addresses) bad += (bad.empty() ? "" : ", ") + (a.empty() ? "no address" : a);
    out.summary = version_name(v) + " fails on the path: accepted by some addresses or stacks, refused at " + bad;
    return out;
  }
  const bool uniform_refusal = all(attempted, [](const AttemptResult* r) {
    return r->outcome.status == Status::rejected &&
           (r->outcome.error.cls == ErrorClass::alert || r->outcome.error.cls == ErrorClass::reset ||
            r->outcome.error.cls == ErrorClass::version_mismatch || r->outcome.error.cls == ErrorClass::closed);
  });
  if (uniform_refusal) {
    out.cause = Cause::server;
    // Below 1.2 a refusal is the deprecation itself; TLS 1.3 is welcome but not required:
    // Azure Backup needs TLS 1.2.
    out.expected = v != Version::tls1_2;
    out.summary = version_name(v) + " refused by the server on every address and stack" +
                  (old ? " (deprecation in effect, as expected)"
                       : v == Version::tls1_3 ? " (not required: Azure Backup needs TLS 1.2)" : "");
    if (!out.expected)
      out.fix = "nothing on this machine will help: the server refuses " + version_name(v) +
                "; check the endpoint name, or whether a proxy or inspection device answers in its place";
    return out;
  }
  out.cause = any(attempted, is_path_like) ? Cause::path : Cause::server;
  out.summary = version_name(v) + " fails: " + failure_summary(attempted.front()->outcome);
  return out;
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
      auto verdict = judge(endpoint, v, cells, local);
      for (const auto& address : left_out)
        verdict.evidence.push_back(address + ": unreachable on every version, left out of this verdict");
      verdict.unreachable_addresses = left_out;
      out.push_back(std::move(verdict));
    }
  }
  return out;
}

}  // namespace tlsprobe
