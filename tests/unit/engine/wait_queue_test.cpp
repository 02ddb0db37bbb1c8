#include "engine/wait_queue.hpp"

#include <doctest/doctest.h>

#include <map>

namespace tlsprobe {
namespace {

Job job_for(std::size_t target) {
  Job j{};
  j.target = target;
  return j;
}

}  // namespace

TEST_CASE("wait queue: each key in turn, FIFO within a key, a key at its limit parked until woken") {
  WaitQueue q;
  for (std::size_t i = 0; i < 3; ++i) q.push_back("a", job_for(i));
  q.push_back("b", job_for(10));
  std::map<std::string, int> in_flight;
  const auto slot = [&](const std::string& k) { return in_flight[k] < 1; };
  auto take = [&] {
    auto next = q.pop(slot);
    if (next) ++in_flight[next->first];
    return next;
  };
  auto first = take();
  REQUIRE(first);
  CHECK(first->first == "a");
  CHECK(first->second.target == 0);
  auto second = take();
  REQUIRE(second);
  CHECK(second->first == "b");
  CHECK_FALSE(take());  // "a" is at its limit and "b" has nothing left
  --in_flight["a"];
  q.wake("a");
  auto third = take();
  REQUIRE(third);
  CHECK(third->second.target == 1);
  // An attempt that waited for a descriptor goes before the others of its key.
  --in_flight["a"];
  q.push_front("a", job_for(99));
  auto again = take();
  REQUIRE(again);
  CHECK(again->second.target == 99);
  CHECK(q.size() == 1);
}

TEST_CASE("wait queue: 10,000 attempts on one address behind a limit of one cost a few keys per start") {
  WaitQueue q;
  constexpr std::size_t n = 10000;
  for (std::size_t i = 0; i < n; ++i) q.push_back("10.0.0.1|443", job_for(i));
  q.push_back("10.0.0.2|443", job_for(n));
  int busy = 0;
  const auto slot = [&](const std::string& k) { return k != "10.0.0.1|443" || busy == 0; };
  std::size_t started = 0;
  while (q.size() > 0) {
    while (auto next = q.pop(slot)) {
      ++started;
      if (next->first == "10.0.0.1|443") ++busy;
    }
    // The one attempt in flight on the busy address finishes.
    busy = 0;
    q.wake("10.0.0.1|443");
  }
  CHECK(started == n + 1);
  // A scan of everything waiting on each completion would look at ~n²/2 entries.
  CHECK(q.keys_examined() <= 3 * (n + 1));
}

TEST_CASE("wait queue: take removes what the predicate selects, in order, and only from that key") {
  WaitQueue q;
  for (std::size_t i = 0; i < 4; ++i) q.push_back("a", job_for(i));
  q.push_back("b", job_for(7));
  const auto taken = q.take("a", [](const Job& j) { return j.target % 2 == 0; });
  REQUIRE(taken.size() == 2);
  CHECK(taken[0].target == 0);
  CHECK(taken[1].target == 2);
  CHECK(q.size() == 3);
  CHECK(q.take("c", [](const Job&) { return true; }).empty());
}

}  // namespace tlsprobe
