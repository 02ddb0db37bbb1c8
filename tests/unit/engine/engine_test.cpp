#include "engine/engine.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <stdexcept>
#include <thread>

#include "core/native_codes.hpp"

using namespace tlsprobe;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A loopback listener that accepts and drops connections on its own thread, so every
// connect the engine makes succeeds; the backends under test never send a byte.
class Listener {
 public:
  explicit Listener(const char* address = "127.0.0.1", std::uint16_t port = 0)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address(address), port)) {
    acceptor_.listen(4096);
    thread_ = std::thread([this] {
      while (!stop_) {
        boost::system::error_code ec;
        tcp::socket s(io_);
        acceptor_.accept(s, ec);
        // Out of descriptors too (the test lowers the limit): the kernel keeps the
        // connection queued, and the client side is complete either way.
        if (ec) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  ~Listener() {
    stop_ = true;
    // Wakes the blocking accept() with one last connection.
    boost::system::error_code ec;
    tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Accepts every version at once: no bytes, only the engine's own work.
class InstantBackend : public Backend {
 public:
  std::string_view name() const override { return "instant"; }
  Support supports(Version) const override { return {}; }
  asio::awaitable<Outcome> handshake(tcp::socket&, const HandshakeRequest& request) override {
    co_return accepted(request.version, "TEST");
  }
};

// A backend with a bug: every attempt throws.
class ThrowingBackend : public Backend {
 public:
  std::string_view name() const override { return "faulty"; }
  Support supports(Version) const override { return {}; }
  asio::awaitable<Outcome> handshake(tcp::socket&, const HandshakeRequest&) override {
    throw std::logic_error("injected fault");
    co_return Outcome{};
  }
};

// Holds each attempt for a few milliseconds and counts how many are in flight, in total and
// per address, so the limits can be checked as peaks.
class CountingBackend : public Backend {
 public:
  std::string_view name() const override { return "counting"; }
  Support supports(Version) const override { return {}; }
  asio::awaitable<Outcome> handshake(tcp::socket& socket, const HandshakeRequest& request) override {
    const auto key = std::to_string(socket.remote_endpoint().port());
    peak_ = std::max(peak_, ++in_flight_);
    peak_per_address_[key] = std::max(peak_per_address_[key], ++per_address_[key]);
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(2 + (order_++ % 5)));
    co_await timer.async_wait(asio::use_awaitable);
    --in_flight_;
    --per_address_[key];
    co_return accepted(request.version, "TEST");
  }
  int peak_ = 0;
  std::map<std::string, int> peak_per_address_;

 private:
  int in_flight_ = 0;
  int order_ = 0;
  std::map<std::string, int> per_address_;
};

// Fails the first `failures` attempts of every cell with `failing`, then accepts; records
// which local address each connection reached.
class FlakyBackend : public Backend {
 public:
  FlakyBackend(int failures, Outcome failing) : failures_(failures), failing_(std::move(failing)) {}
  std::string_view name() const override { return "flaky"; }
  Support supports(Version) const override { return {}; }
  asio::awaitable<Outcome> handshake(tcp::socket& socket, const HandshakeRequest& request) override {
    ++calls_;
    reached_.push_back(socket.remote_endpoint().address().to_string());
    if (seen_[request.version]++ < failures_) co_return failing_;
    co_return accepted(request.version, "TEST");
  }
  int calls_ = 0;
  std::vector<std::string> reached_;

 private:
  int failures_;
  Outcome failing_;
  std::map<Version, int> seen_;
};

Outcome reset_outcome() {
  auto o = failure(Status::rejected, ErrorClass::reset, Phase::hello, "Connection reset by peer");
  o.error.posix_errno = 104;
  o.error.winsock = 10054;
  return o;
}

// `count` targets spread over the listeners' ports: the engine limits per address and port.
std::vector<Target> loopback_targets(const std::vector<std::uint16_t>& ports, int count) {
  std::vector<Target> targets;
  for (int i = 0; i < count; ++i) {
    Target t;
    t.host = "127.0.0.1";
    t.port = ports[static_cast<std::size_t>(i) % ports.size()];
    t.label = "target " + std::to_string(i);
    targets.push_back(t);
  }
  return targets;
}

// Lowers the soft descriptor limit for one scope.
class DescriptorLimit {
 public:
  explicit DescriptorLimit(rlim_t soft) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = soft;
    REQUIRE(setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  }
  ~DescriptorLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  rlimit saved_{};
};

}  // namespace

TEST_CASE("engine: an exception in a backend costs one cell, as status error, class internal") {
  Listener listener;
  InstantBackend good;
  ThrowingBackend faulty;
  const auto targets = loopback_targets({listener.port()}, 1);
  const auto report = run_probe(targets, {&good, &faulty}, {Version::tls1_2, Version::tls1_3}, EngineOptions{});
  REQUIRE(report.results.size() == 4);
  for (const auto& r : report.results) {
    CAPTURE(r.backend);
    if (r.backend == "instant") {
      CHECK(r.outcome.status == Status::accepted);
    } else {
      CHECK(r.outcome.status == Status::error);
      CHECK(r.outcome.error.cls == ErrorClass::internal);
      CHECK(r.outcome.error.message.find("injected fault") != std::string::npos);
      CHECK(r.outcome.error.message.find("please report") != std::string::npos);
    }
  }
}

TEST_CASE("engine: out of descriptors, thousands of attempts all complete and none is lost") {
  // Before: with 5,000 allowed in flight and ~40 descriptors, each attempt failed inside
  // co_spawn with EMFILE and started the next one from there, until the stack overflowed.
  Listener listener;
  InstantBackend backend;
  const auto targets = loopback_targets({listener.port()}, 600);
  const std::vector<Version> versions{Version::tls1_0, Version::tls1_1, Version::tls1_2, Version::tls1_3,
                                      Version::ssl3_0};
  EngineOptions options;
  options.concurrency = 5000;
  options.per_host = 5000;
  Report report;
  {
    DescriptorLimit limit(64);
    report = run_probe(targets, {&backend}, versions, options);
  }
  REQUIRE(report.results.size() == 3000);
  int accepted = 0;
  std::map<std::string, int> seen;  // what failed, for the message when the check does
  for (const auto& r : report.results) {
    accepted += r.outcome.status == Status::accepted;
    ++seen[std::string(to_string(r.outcome.error.cls)) + ": " + r.outcome.error.message];
  }
  for (const auto& [what, n] : seen) CAPTURE(what + " x" + std::to_string(n));
  // Every attempt waited for a descriptor instead of reporting this machine's limit.
  CHECK(accepted == 3000);
}

TEST_CASE("engine: the global and per-address limits hold, and results come out in the order asked") {
  Listener a, b, c, d;
  CountingBackend backend;
  const auto targets = loopback_targets({a.port(), b.port(), c.port(), d.port()}, 12);
  const std::vector<Version> versions{Version::tls1_3, Version::tls1_0, Version::tls1_2};
  EngineOptions options;
  options.concurrency = 7;
  options.per_host = 2;
  const auto report = run_probe(targets, {&backend}, versions, options);
  REQUIRE(report.results.size() == targets.size() * versions.size());
  CHECK(backend.peak_ <= 7);
  CHECK(backend.peak_ >= 2);
  CHECK(backend.peak_per_address_.size() == 4);
  for (const auto& [port, peak] : backend.peak_per_address_) {
    CAPTURE(port);
    CHECK(peak <= 2);
  }
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    CHECK(report.results[i].target.label == targets[i / versions.size()].label);
    CHECK(report.results[i].version == versions[i % versions.size()]);
  }
}

TEST_CASE("engine: --retries retries resets, timeouts and closes, and counts every try") {
  Listener listener;
  Target t;
  t.host = "127.0.0.1";
  t.port = listener.port();
  t.label = "flaky";
  EngineOptions options;

  SUBCASE("two resets, then accepted: three tries, two failed") {
    FlakyBackend backend(2, reset_outcome());
    options.retries = 3;
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].outcome.status == Status::accepted);
    CHECK(report.results[0].attempts == 3);
    CHECK(report.results[0].failed_attempts == 2);
    CHECK(backend.calls_ == 3);
  }
  SUBCASE("a reset every time: the retries run out and the failure stands, every try failed") {
    FlakyBackend backend(100, reset_outcome());
    options.retries = 2;
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].outcome.error.cls == ErrorClass::reset);
    CHECK(report.results[0].attempts == 3);
    CHECK(report.results[0].failed_attempts == 3);
  }
  SUBCASE("an alert is the server's answer: never retried") {
    auto alert = failure(Status::rejected, ErrorClass::alert, Phase::hello, "alert");
    alert.error.alert = 70;
    FlakyBackend backend(100, alert);
    options.retries = 5;
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].outcome.error.alert == 70);
    CHECK(report.results[0].attempts == 1);
    CHECK(report.results[0].failed_attempts == 1);
  }
  SUBCASE("no retries asked: one try") {
    FlakyBackend backend(1, reset_outcome());
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].outcome.status == Status::rejected);
    CHECK(report.results[0].attempts == 1);
  }
}

TEST_CASE("engine: --addresses all probes every address of a name, first only the first") {
  // One name, two loopback addresses on the same port (--resolve's map stands in for DNS).
  Listener one("127.0.0.1");
  Listener two("127.0.0.2", one.port());
  Target t;
  t.host = "vault.example";
  t.port = one.port();
  t.label = "vault.example:" + std::to_string(one.port());
  EngineOptions options;
  options.resolve[{t.host, t.port}] = {asio::ip::make_address("127.0.0.1"), asio::ip::make_address("127.0.0.2")};
  const std::vector<Version> versions{Version::tls1_2, Version::tls1_3};

  FlakyBackend every(0, Outcome{});
  const auto all = run_probe({t}, {&every}, versions, options);
  REQUIRE(all.results.size() == 4);
  CHECK(all.results[0].address == "127.0.0.1");
  CHECK(all.results[1].address == "127.0.0.1");
  CHECK(all.results[2].address == "127.0.0.2");
  CHECK(all.results[3].address == "127.0.0.2");
  CHECK(std::count(every.reached_.begin(), every.reached_.end(), "127.0.0.2") == 2);

  options.addresses = AddressMode::first;
  FlakyBackend first(0, Outcome{});
  const auto one_address = run_probe({t}, {&first}, versions, options);
  REQUIRE(one_address.results.size() == 2);
  for (const auto& r : one_address.results) CHECK(r.address == "127.0.0.1");
  CHECK(first.reached_ == std::vector<std::string>{"127.0.0.1", "127.0.0.1"});
}

namespace {

// A server that takes only `accepts`, in its own order of preference, from whatever is offered;
// the matrix hello (no offer) is accepted with its first suite. After `fail_after` scan steps it
// stalls instead (a timeout), to cut a scan short.
class SuiteServerBackend : public Backend {
 public:
  SuiteServerBackend(std::vector<std::uint16_t> accepts, int fail_after = 1000)
      : accepts_(std::move(accepts)), fail_after_(fail_after) {}
  std::string_view name() const override { return "suites"; }
  Support supports(Version) const override { return {}; }
  std::vector<std::uint16_t> scan_candidates(Version) const override { return {0x0001, 0x0002, 0x0003, 0x0004, 0x0005}; }
  asio::awaitable<Outcome> handshake(tcp::socket&, const HandshakeRequest& request) override {
    if (request.offer_suites.empty()) co_return accepted(request.version, "TEST");
    offers_.push_back(request.offer_suites);
    if (static_cast<int>(offers_.size()) > fail_after_) co_return timeout_failure(Status::rejected, Phase::hello);
    for (const auto s : accepts_) {
      if (std::find(request.offer_suites.begin(), request.offer_suites.end(), s) == request.offer_suites.end()) continue;
      auto o = accepted(request.version, "suite " + std::to_string(s));
      o.cipher_suite = s;
      co_return o;
    }
    auto refused = failure(Status::rejected, ErrorClass::alert, Phase::hello, "alert");
    refused.error.alert = 40;
    co_return refused;
  }
  std::vector<std::vector<std::uint16_t>> offers_;

 private:
  std::vector<std::uint16_t> accepts_;
  int fail_after_;
};

}  // namespace

TEST_CASE("engine: --ciphers takes away each suite the server picks until it refuses, in its order") {
  Listener listener;
  Target t;
  t.host = "127.0.0.1";
  t.port = listener.port();
  t.label = "scan";
  EngineOptions options;
  options.cipher_scan = true;

  SUBCASE("a complete scan: the server's own order, then its refusal") {
    SuiteServerBackend backend({0x0004, 0x0002});
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.cipher_scans.size() == 1);
    const auto& scan = report.cipher_scans[0];
    CHECK(scan.address == "127.0.0.1");
    CHECK(scan.version == Version::tls1_2);
    CHECK(scan.offered == 5);
    CHECK(scan.accepted == std::vector<std::uint16_t>{0x0004, 0x0002});
    CHECK(scan.complete);
    REQUIRE(backend.offers_.size() == 3);
    CHECK(backend.offers_[1] == std::vector<std::uint16_t>{0x0001, 0x0002, 0x0003, 0x0005});
    CHECK(backend.offers_[2] == std::vector<std::uint16_t>{0x0001, 0x0003, 0x0005});
  }
  SUBCASE("a stall half-way: what was seen, marked incomplete with the reason") {
    SuiteServerBackend backend({0x0004, 0x0002}, 1);
    const auto report = run_probe({t}, {&backend}, {Version::tls1_2}, options);
    REQUIRE(report.cipher_scans.size() == 1);
    CHECK(report.cipher_scans[0].accepted == std::vector<std::uint16_t>{0x0004});
    CHECK_FALSE(report.cipher_scans[0].complete);
    CHECK(report.cipher_scans[0].stopped.find("timeout") != std::string::npos);
  }
  SUBCASE("no scan without --ciphers, nor of a version that was not accepted") {
    SuiteServerBackend backend({0x0001});
    options.cipher_scan = false;
    CHECK(run_probe({t}, {&backend}, {Version::tls1_2}, options).cipher_scans.empty());
    CHECK(backend.offers_.empty());
    options.cipher_scan = true;
    ThrowingBackend faulty;
    CHECK(run_probe({t}, {&faulty}, {Version::tls1_2}, options).cipher_scans.empty());
  }
}
