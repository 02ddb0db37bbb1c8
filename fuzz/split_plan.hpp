#pragma once
// Where a fuzz input is cut into the pieces successive reads would hand a reader.
//
// The cuts come from the input's own bytes (a hash seeds the generator), so the fuzzer picks
// them by picking the input, and seed files stay plain recorded inputs with no plan bytes in
// front that a person adding a seed would have to invent.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tlsprobe::fuzz {

// Piece lengths, each at least 1, summing to the input's size.
using Plan = std::vector<std::size_t>;

namespace detail {

inline std::uint64_t fnv1a(std::span<const std::uint8_t> bytes) {
  std::uint64_t h = 0xcbf29ce484222325u;
  for (const auto b : bytes) h = (h ^ b) * 0x100000001b3u;
  return h;
}

// splitmix64: any 64-bit seed gives a usable stream, even the 0 of an empty input.
inline std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

}  // namespace detail

// The whole input in one read: the reference every other plan must agree with.
inline Plan whole_plan(std::size_t size) { return size == 0 ? Plan{} : Plan{size}; }

// One byte a read for the first `fine` bytes, then the rest at once: every early boundary is
// a cut, the place where a reader that decides too soon goes wrong.
inline Plan fine_plan(std::size_t size, std::size_t fine) {
  Plan plan(std::min(size, fine), 1);
  if (size > fine) plan.push_back(size - fine);
  return plan;
}

// Mostly short pieces with an occasional long one, at most `max_pieces` of them (the last
// takes what is left): readers that reparse everything on each read stay fast on long inputs.
inline Plan hashed_plan(std::span<const std::uint8_t> input, std::size_t max_pieces) {
  std::uint64_t state = detail::fnv1a(input);
  Plan plan;
  std::size_t left = input.size();
  while (left > 0) {
    if (plan.size() + 1 >= max_pieces) {
      plan.push_back(left);
      break;
    }
    const std::uint64_t r = detail::next(state);
    const std::size_t span = (r & 7) == 0 ? 4096 : (r & 7) < 3 ? 64 : 8;
    const std::size_t piece = std::min(left, 1 + static_cast<std::size_t>((r >> 8) % span));
    plan.push_back(piece);
    left -= piece;
  }
  return plan;
}

// Calls feed(piece) for each piece of `input` as `plan` cuts it.
template <typename Feed>
void feed_pieces(std::span<const std::uint8_t> input, const Plan& plan, Feed&& feed) {
  std::size_t at = 0;
  for (const std::size_t n : plan) {
    feed(input.subspan(at, n));
    at += n;
  }
}

}  // namespace tlsprobe::fuzz
