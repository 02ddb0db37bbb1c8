#include "net/descriptors.hpp"

#include <doctest/doctest.h>

namespace tlsprobe {

TEST_CASE("concurrency from the descriptor limit: head-room kept, never below one") {
  CHECK(concurrency_for_descriptors(1024) == 960);
  CHECK(concurrency_for_descriptors(256) == 192);
  CHECK(concurrency_for_descriptors(65) == 1);
  CHECK(concurrency_for_descriptors(0) == 1);
  CHECK(concurrency_for_descriptors(1u << 20) == (1 << 20) - 64);
}

TEST_CASE("--concurrency against the limit: the default sized to it, more than it lowered") {
  struct Row {
    int asked;
    std::optional<std::uint64_t> limit;
    int concurrency;
    bool clamped;
  };
  for (const Row r : {Row{0, 1024, 960, false},             // Debian's soft limit, when it cannot be raised
                      Row{0, 1048576, 4096, false},         // raised to the hard limit: the cap
                      Row{0, 256, 192, false},              // ulimit -n 256
                      Row{1000, 256, 192, true},            // asked for more than that: lowered, with a note
                      Row{100, 256, 100, false},            // within it: as asked
                      Row{0, std::nullopt, 256, false},     // Windows
                      Row{5000, std::nullopt, 5000, false}}) {
    CAPTURE(r.asked);
    const auto c = choose_concurrency(r.asked, r.limit);
    CHECK(c.concurrency == r.concurrency);
    CHECK(c.clamped == r.clamped);
  }
}

TEST_CASE("raising the soft limit: at least what it was, and what getrlimit now says") {
  const auto first = raise_descriptor_limit();
  REQUIRE(first);
  CHECK(*first >= 64);
  CHECK(raise_descriptor_limit() == first);  // already at the hard limit: no change
}

}  // namespace tlsprobe
