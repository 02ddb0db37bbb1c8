#include "engine/engine.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <deque>
#include <map>

#include "core/target.hpp"
#include "net/connect.hpp"
#include "net/resolve.hpp"

namespace tlsprobe {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Position of a result in the report: rows come out in the order the user gave, whatever
// order the attempts finished in.
struct SortKey {
  std::size_t target, address, backend, version;
  auto operator<=>(const SortKey&) const = default;
};

struct Job {
  SortKey key;
  std::size_t target;
  tcp::endpoint address;  // the server, or the proxy when `proxy` is set
  Backend* backend;
  Version version;
  std::optional<ProxyConfig> proxy;
};

bool retryable(const Outcome& o) {
  return o.error.cls == ErrorClass::reset || o.error.cls == ErrorClass::timeout || o.error.cls == ErrorClass::closed;
}

std::string address_text(const tcp::endpoint& ep) { return ep.address().to_string(); }

class Run {
 public:
  Run(const std::vector<Target>& targets, const std::vector<Backend*>& backends, const std::vector<Version>& versions,
      const EngineOptions& options, const ProgressFn& on_progress)
      : targets_(targets), backends_(backends), versions_(versions), options_(options), on_progress_(on_progress) {}

  std::vector<AttemptResult> execute() {
    proxies_.reserve(targets_.size());
    for (std::size_t t = 0; t < targets_.size(); ++t) {
      const auto& target = targets_[t];
      // Through a proxy the proxy resolves the name (corporate networks often cannot):
      // what we look up and connect to is the proxy itself.
      proxies_.push_back(proxy_for(target.host, options_.proxy));
      const auto& proxy = proxies_.back();
      const std::string host = proxy ? proxy->host : target.host;
      const std::uint16_t port = proxy ? proxy->port : target.port;
      if (is_ip_literal(host)) {
        on_resolved(t, Resolution{{tcp::endpoint(asio::ip::make_address(host), port)}, std::nullopt});
        continue;
      }
      if (const auto pinned = options_.resolve.find({host, port}); pinned != options_.resolve.end()) {
        Resolution r;
        for (const auto& a : pinned->second) r.addresses.emplace_back(a, port);
        on_resolved(t, std::move(r));
        continue;
      }
      ++pending_lookups_;
      asio::post(lookups_, [this, t, host, port] {
        auto resolution = resolve_host(host, port);
        asio::post(io_, [this, t, resolution = std::move(resolution)]() mutable {
          on_resolved(t, std::move(resolution));
          if (--pending_lookups_ == 0) work_.reset();
        });
      });
    }
    if (pending_lookups_ == 0) work_.reset();
    io_.run();
    lookups_.join();
    std::vector<AttemptResult> out;
    out.reserve(results_.size());
    for (auto& [key, result] : results_) out.push_back(std::move(result));
    return out;
  }

 private:
  AttemptResult base(std::size_t t, const std::string& address, Backend* backend, Version v) const {
    AttemptResult r;
    r.target = targets_[t];
    r.address = address;
    r.sni = sni_for(targets_[t]);
    if (proxies_[t]) r.proxy = proxies_[t]->display();
    r.backend = std::string(backend->name());
    r.version = v;
    return r;
  }

  std::string sni_for(const Target& t) const {
    if (!options_.sni.empty()) return options_.sni;
    return is_ip_literal(t.host) ? std::string() : t.host;
  }

  void on_resolved(std::size_t t, Resolution resolution) {
    auto& addresses = resolution.addresses;
    const bool proxied = proxies_[t].has_value();
    // One tunnel per attempt is enough: which proxy address answers is not the question.
    if ((proxied || options_.addresses == AddressMode::first) && addresses.size() > 1) addresses.resize(1);
    if (proxied && resolution.failure) {
      resolution.failure->error.cls = ErrorClass::proxy;
      resolution.failure->error.phase = Phase::proxy;
      resolution.failure->error.message = "cannot resolve the proxy: " + resolution.failure->error.message;
    }
    total_ += static_cast<int>(backends_.size() * versions_.size() *
                               (resolution.failure ? 1 : addresses.size()));
    for (std::size_t b = 0; b < backends_.size(); ++b) {
      for (std::size_t v = 0; v < versions_.size(); ++v) {
        Backend* backend = backends_[b];
        const Version version = versions_[v];
        const auto support = backend->supports(version);
        if (!support.ok || resolution.failure) {
          // Nothing to connect to, or nothing this backend can send: the cell is decided here.
          // "Cannot try" wins over "did not resolve", and it is shown on every address's row.
          auto r = base(t, "", backend, version);
          r.outcome = support.ok ? *resolution.failure : unsupported_here(support.reason);
          r.outcome.error.sec_status = support.sec_status;
          r.failed_attempts = 1;
          if (resolution.failure) {
            finish({t, 0, b, v}, std::move(r));
            continue;
          }
          for (std::size_t a = 0; a < addresses.size(); ++a) {
            auto cell = r;
            if (!proxied) cell.address = address_text(addresses[a]);
            finish({t, a, b, v}, std::move(cell));
          }
          continue;
        }
        for (std::size_t a = 0; a < addresses.size(); ++a)
          queue_.push_back(Job{{t, a, b, v}, t, addresses[a], backend, version, proxies_[t]});
      }
    }
    pump();
  }

  void finish(SortKey key, AttemptResult r) {
    results_.emplace(key, std::move(r));
    ++done_;
    if (on_progress_) on_progress_(Progress{done_, total_});
  }

  void pump() {
    for (auto it = queue_.begin(); it != queue_.end() && in_flight_ < options_.concurrency;) {
      // Through a proxy the limit applies to the server behind it, not to the proxy.
      const auto key = it->proxy ? targets_[it->target].host + "|" + std::to_string(targets_[it->target].port)
                                 : address_text(it->address) + "|" + std::to_string(it->address.port());
      if (per_address_[key] >= options_.per_host) {
        ++it;
        continue;
      }
      ++per_address_[key];
      ++in_flight_;
      asio::co_spawn(io_, attempt(*it, key), asio::detached);
      it = queue_.erase(it);
    }
  }

  asio::awaitable<Outcome> once(const Job& job) {
    tcp::socket socket(io_);
    const auto& target = targets_[job.target];
    if (auto failed = co_await connect_tcp(socket, job.address, Clock::now() + options_.connect_timeout)) {
      if (job.proxy) {
        failed->error.cls = ErrorClass::proxy;
        failed->error.phase = Phase::proxy;
        failed->error.message = "proxy " + job.proxy->display() + " unreachable: " + failed->error.message;
      }
      co_return *failed;
    }
    if (job.proxy) {
      if (auto refused = co_await open_tunnel(socket, *job.proxy, target.host, target.port,
                                              Clock::now() + options_.connect_timeout))
        co_return *refused;
    }
    HandshakeRequest request;
    request.version = job.version;
    request.sni = sni_for(target);
    request.verify_name = options_.sni.empty() ? target.host : options_.sni;
    request.deadline = Clock::now() + options_.handshake_timeout;
    co_return co_await job.backend->handshake(socket, request);
  }

  asio::awaitable<void> attempt(Job job, std::string key) {
    const auto start = Clock::now();
    auto r = base(job.target, job.proxy ? std::string() : address_text(job.address), job.backend, job.version);
    int tries = 0;
    int failed = 0;
    Outcome outcome;
    for (;;) {
      ++tries;
      try {
        outcome = co_await once(job);
      } catch (const std::exception& e) {
        // A bug must cost one cell, never the run: report it where it happened.
        outcome = failure(Status::rejected, ErrorClass::protocol, Phase::handshake,
                          std::string("internal error: ") + e.what());
      }
      if (outcome.status == Status::accepted) break;
      ++failed;
      if (tries > options_.retries || !retryable(outcome)) break;
    }
    r.outcome = std::move(outcome);
    r.attempts = tries;
    r.failed_attempts = failed;
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    --in_flight_;
    --per_address_[key];
    finish(job.key, std::move(r));
    pump();
  }

  const std::vector<Target>& targets_;
  const std::vector<Backend*>& backends_;
  const std::vector<Version>& versions_;
  const EngineOptions& options_;
  const ProgressFn& on_progress_;

  asio::io_context io_{1};
  asio::thread_pool lookups_{8};
  int pending_lookups_ = 0;
  // Keeps io_.run() alive while names are still being looked up on the pool.
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  std::vector<std::optional<ProxyConfig>> proxies_;  // per target
  std::deque<Job> queue_;
  std::map<std::string, int> per_address_;
  std::map<SortKey, AttemptResult> results_;
  int in_flight_ = 0;
  int done_ = 0;
  int total_ = 0;
};

}  // namespace

Report run_probe(const std::vector<Target>& targets, const std::vector<Backend*>& backends,
                 const std::vector<Version>& versions, const EngineOptions& options, const ProgressFn& on_progress) {
  Report report;
  report.tool_version = TLSPROBE_VERSION;
  report.started = std::chrono::system_clock::now();
  report.versions = versions;
  for (auto* b : backends) report.backends.emplace_back(b->name());
  const auto start = Clock::now();
  Run run(targets, backends, versions, options, on_progress);
  report.results = run.execute();
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return report;
}

}  // namespace tlsprobe
