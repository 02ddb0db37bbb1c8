#include "engine/engine.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <deque>
#include <exception>
#include <limits>
#include <map>

#include "core/target.hpp"
#include "engine/attempt_rules.hpp"
#include "engine/job.hpp"
#include "engine/scan_step.hpp"
#include "engine/wait_queue.hpp"
#include "net/connect.hpp"
#include "net/resolve.hpp"

namespace tlsprobe {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// A bound on waiting for descriptors, so a limit that never frees up still ends the run.
constexpr int max_deferrals = 1000;

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
      proxies_.push_back(proxy_for(target.host, ProxySettings{options_.proxy, options_.no_proxy}));
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
        auto resolution = resolve_host(
            host, port, options_.addresses == AddressMode::all_families ? Families::every : Families::configured);
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

  // Kind 0 (suites) or 1 (groups), in plan order.
  std::vector<CipherScan> take_scans(std::size_t kind) {
    std::vector<CipherScan> out;
    for (auto& [key, scan] : scans_)
      if (key.backend == kind) out.push_back(std::move(scan));
    return out;
  }

 private:
  AttemptResult base(std::size_t t, const std::string& address, Backend* backend, Version v) const {
    AttemptResult r;
    r.target = targets_[t];
    r.address = address;
    r.sni = sni_for(targets_[t], options_);
    if (proxies_[t]) r.proxy = proxies_[t]->display();
    r.backend = std::string(backend->name());
    r.version = v;
    return r;
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
        for (std::size_t a = 0; a < addresses.size(); ++a) {
          enqueue(Job{{t, a, b, v}, t, addresses[a], backend, version, proxies_[t], false, false, false, {}, 0});
          ++matrix_pending_[{t, a}];
        }
      }
    }
    pump();
  }

  void finish(CellPosition key, AttemptResult r) {
    results_.emplace(key, std::move(r));
    ++done_;
    if (on_progress_) on_progress_(Progress{done_, total_});
  }

  // Starts what the limits allow. Attempts that fail at once (a closed port, no descriptor)
  // complete inside co_spawn and call pump again: the guard turns that recursion, which
  // once overflowed the stack with thousands of queued attempts, into another turn of this loop.
  void pump() {
    if (pumping_) {
      pump_again_ = true;
      return;
    }
    pumping_ = true;
    do {
      pump_again_ = false;
      const auto has_slot = [this](const std::string& key) { return per_address_[key] < options_.per_host; };
      while (in_flight_ < std::min(options_.concurrency, descriptor_limit_)) {
        auto next = waiting_.pop(has_slot);
        if (!next) break;
        auto& [key, job] = *next;
        ++per_address_[key];
        ++in_flight_;
        start(std::move(job), key);
        // start() may have re-entered pump(): the waiting set is still sound, go on.
      }
    } while (pump_again_);
    pumping_ = false;
  }

  void enqueue(Job job) {
    const std::string key = limit_key(job);
    waiting_.push_back(key, std::move(job));
  }

  // Through a proxy the limit applies to the server behind it, not to the proxy.
  std::string limit_key(const Job& job) const {
    return job.proxy ? targets_[job.target].host + "|" + std::to_string(targets_[job.target].port)
                     : address_text(job.address) + "|" + std::to_string(job.address.port());
  }

  void start(Job job, const std::string& key) {
    // The handler runs whether the attempt returned or threw: either way the cell is
    // recorded and its limits are released, so a fault costs one cell, never the run.
    asio::co_spawn(io_, attempt(job), [this, job, key](std::exception_ptr fault, AttemptResult r) {
      --in_flight_;
      --per_address_[key];
      waiting_.wake(key);
      if (fault) r = faulted(job, fault);
      if (out_of_descriptors(r.outcome) && in_flight_ > 0 && job.deferrals < max_deferrals) {
        // No descriptor now, but others are held by attempts that will finish: this machine
        // holds no more than are in flight, so that becomes the limit, and the attempt waits
        // its turn rather than report this machine's limit as the server's answer.
        descriptor_limit_ = std::max(1, std::min(descriptor_limit_, in_flight_));
        Job again = job;
        ++again.deferrals;
        waiting_.push_front(key, std::move(again));
      } else if (job.http) {
        record_http(job, std::move(r));
      } else if (job.scan) {
        record_scan(job, std::move(r));
      } else {
        const bool decided = !job.proxy && options_.retries == 0 && decides_address(r.outcome);
        finish(job.key, std::move(r));
        matrix_done(job);
        if (decided) share_connect_failure(job, key);
      }
      pump();
    });
  }

  // The cells still queued for the address take the outcome of the connect that decided it.
  void share_connect_failure(const Job& decided, const std::string& key) {
    const Outcome outcome = results_.at(decided.key).outcome;
    const auto taken = waiting_.take(key, [](const Job& j) { return !j.http && !j.scan && !j.proxy; });
    for (const auto& job : taken) {
      auto r = base(job.target, address_text(job.address), job.backend, job.version);
      r.outcome = outcome;
      r.failed_attempts = 1;
      r.connect_shared = true;
      finish(job.key, std::move(r));
      matrix_done(job);
    }
  }

  // The address's last matrix cell is in: its accepted cells get their HTTP check and their
  // cipher scan now.
  void matrix_done(const Job& job) {
    if (--matrix_pending_[{job.key.target, job.key.address}] > 0) return;
    if (options_.cipher_scan) start_scans(job);
    if (!options_.http_check) return;
    for (const auto& [key, result] : results_) {
      if (key.target != job.key.target || key.address != job.key.address) continue;
      Backend* backend = backends_[key.backend];
      if (result.outcome.status != Status::accepted || !backend->checks_http()) continue;
      Job check = job;
      check.key = key;
      check.backend = backend;
      check.version = versions_[key.version];
      check.http = true;
      check.deferrals = 0;
      enqueue(std::move(check));
      ++total_;
    }
  }

  // One scan per version some backend saw accepted at the address, by the first backend that
  // can scan (the suites a server accepts do not depend on which of our stacks asks, and a
  // stack that failed for want of a common group is exactly the case the scan explains); and
  // where the server's choice of group can be read, one over the key exchange groups. Scans
  // are keyed (target, address, kind, version): kind 0 suites, 1 groups.
  void start_scans(const Job& job) {
    for (std::size_t v = 0; v < versions_.size(); ++v) {
      bool accepted = false;
      for (std::size_t b = 0; b < backends_.size(); ++b) {
        const auto it = results_.find(CellPosition{job.key.target, job.key.address, b, v});
        accepted = accepted || (it != results_.end() && it->second.outcome.status == Status::accepted);
      }
      if (!accepted) continue;
      for (const bool groups : {false, true}) {
        for (std::size_t b = 0; b < backends_.size(); ++b) {
          const CellPosition key{job.key.target, job.key.address, b, v};
          const auto it = results_.find(key);
          if (it == results_.end()) continue;
          auto offer = groups ? backends_[b]->scan_group_candidates(versions_[v]) : backends_[b]->scan_candidates(versions_[v]);
          if (offer.empty()) continue;
          CipherScan scan;
          scan.endpoint = it->second.target.label;
          scan.address = it->second.address;
          scan.version = versions_[v];
          scan.offered = offer.size();
          scans_.emplace(CellPosition{key.target, key.address, groups ? 1u : 0u, v}, std::move(scan));
          Job step = job;
          step.key = key;
          step.backend = backends_[b];
          step.version = versions_[v];
          step.scan = true;
          step.scan_groups = groups;
          step.offer = std::move(offer);
          step.deferrals = 0;
          enqueue(std::move(step));
          ++total_;
          break;
        }
      }
    }
  }

  void record_scan(const Job& job, AttemptResult r) {
    auto& scan = scans_.at(CellPosition{job.key.target, job.key.address, job.scan_groups ? 1u : 0u, job.key.version});
    ++done_;
    if (on_progress_) on_progress_(Progress{done_, total_});
    Job next = job;
    next.deferrals = 0;
    if (!advance_scan(scan, next.offer, r.outcome, job.scan_groups)) return;
    enqueue(std::move(next));
    ++total_;
  }

  // The cell keeps its own handshake's outcome; only the HTTP result is added, or why the
  // handshake that was to carry the request failed.
  void record_http(const Job& job, AttemptResult r) {
    add_http_check(results_.at(job.key).outcome, std::move(r.outcome), options_.http_check->path, r.elapsed);
    ++done_;
    if (on_progress_) on_progress_(Progress{done_, total_});
  }

  AttemptResult faulted(const Job& job, std::exception_ptr fault) const {
    auto r = base(job.target, job.proxy ? std::string() : address_text(job.address), job.backend, job.version);
    r.outcome = internal_failure(Phase::none, fault_text(fault));
    r.failed_attempts = 1;
    return r;
  }

  asio::awaitable<Outcome> once(const Job& job) {
    tcp::socket socket(io_);
    const auto& target = targets_[job.target];
    if (auto failed = co_await connect_tcp(socket, job.address, Clock::now() + options_.connect_timeout)) {
      if (job.proxy) blame_proxy(*failed, job.proxy->display());
      co_return *failed;
    }
    if (job.proxy) {
      if (auto refused = co_await open_tunnel(socket, *job.proxy, target.host, target.port,
                                              Clock::now() + options_.connect_timeout))
        co_return *refused;
    }
    const auto request = handshake_request(job, target, options_);
    co_return co_await job.backend->handshake(socket, request);
  }

  asio::awaitable<AttemptResult> attempt(Job job) {
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
        // A bug, not the server's answer: status error, left out of verdicts and policy.
        outcome = internal_failure(Phase::none, e.what());
      }
      if (outcome.status == Status::accepted) break;
      ++failed;
      if (tries > options_.retries || !retryable(outcome)) break;
    }
    r.outcome = std::move(outcome);
    r.attempts = tries;
    r.failed_attempts = failed;
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    co_return r;
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
  WaitQueue waiting_;
  std::map<std::string, int> per_address_;
  std::map<CellPosition, AttemptResult> results_;
  std::map<CellPosition, CipherScan> scans_;  // keyed (target, address, kind, version): see start_scans
  std::map<std::pair<std::size_t, std::size_t>, int> matrix_pending_;  // (target, address): cells still queued or in flight
  int in_flight_ = 0;
  int descriptor_limit_ = std::numeric_limits<int>::max();  // lowered when the descriptors run out
  bool pumping_ = false;
  bool pump_again_ = false;
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
  report.cipher_scans = run.take_scans(0);
  report.group_scans = run.take_scans(1);
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return report;
}

}  // namespace tlsprobe
