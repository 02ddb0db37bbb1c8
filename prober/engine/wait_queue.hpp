#pragma once
// The attempts waiting for a slot, kept by limit key (an address, or the server behind a
// proxy). Choosing the next attempt that may start costs a few map steps per started
// attempt: a key at its per-address limit is parked until one of its attempts finishes
// (wake), instead of being scanned past on every completion, which made a run of thousands
// of attempts against a few addresses O(queue) per completion.
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/job.hpp"

namespace tlsprobe {

class WaitQueue {
 public:
  void push_back(const std::string& key, Job job);
  void push_front(const std::string& key, Job job);  // an attempt that waited for a descriptor goes first

  // The next attempt of a key with a free slot, keys in turn; nullopt when none can start.
  // A key without a slot is parked until wake(key).
  std::optional<std::pair<std::string, Job>> pop(const std::function<bool(const std::string&)>& has_slot);
  // One of the key's attempts finished: its waiting attempts may start again.
  void wake(const std::string& key);
  // Takes out the key's waiting attempts that `which` selects, in order.
  std::vector<Job> take(const std::string& key, const std::function<bool(const Job&)>& which);

  std::size_t size() const { return size_; }
  // Keys looked at by pop so far: what the scheduling costs (tests count it).
  std::size_t keys_examined() const { return examined_; }

 private:
  void mark_ready(const std::string& key);

  std::map<std::string, std::deque<Job>> by_key_;
  std::deque<std::string> ready_;  // keys with waiting attempts, not known to be at their limit
  std::set<std::string> in_ready_;
  std::size_t size_ = 0;
  std::size_t examined_ = 0;
};

}  // namespace tlsprobe
