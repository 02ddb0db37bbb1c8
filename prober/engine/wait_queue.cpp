#include "engine/wait_queue.hpp"

namespace tlsprobe {

void WaitQueue::mark_ready(const std::string& key) {
  if (in_ready_.insert(key).second) ready_.push_back(key);
}

void WaitQueue::push_back(const std::string& key, Job job) {
  by_key_[key].push_back(std::move(job));
  ++size_;
  mark_ready(key);
}

void WaitQueue::push_front(const std::string& key, Job job) {
  by_key_[key].push_front(std::move(job));
  ++size_;
  mark_ready(key);
}

std::optional<std::pair<std::string, Job>> WaitQueue::pop(const std::function<bool(const std::string&)>& has_slot) {
  while (!ready_.empty()) {
    const std::string key = std::move(ready_.front());
    ready_.pop_front();
    in_ready_.erase(key);
    ++examined_;
    const auto it = by_key_.find(key);
    if (it == by_key_.end() || it->second.empty()) continue;
    if (!has_slot(key)) continue;  // parked: wake() brings it back
    Job job = std::move(it->second.front());
    it->second.pop_front();
    --size_;
    if (it->second.empty())
      by_key_.erase(it);
    else
      mark_ready(key);  // the others wait their turn behind the other keys
    return std::pair{key, std::move(job)};
  }
  return std::nullopt;
}

void WaitQueue::wake(const std::string& key) {
  const auto it = by_key_.find(key);
  if (it != by_key_.end() && !it->second.empty()) mark_ready(key);
}

std::vector<Job> WaitQueue::take(const std::string& key, const std::function<bool(const Job&)>& which) {
  std::vector<Job> out;
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return out;
  auto& q = it->second;
  for (auto j = q.begin(); j != q.end();) {
    if (which(*j)) {
      out.push_back(std::move(*j));
      j = q.erase(j);
      --size_;
    } else {
      ++j;
    }
  }
  if (q.empty()) by_key_.erase(it);
  return out;
}

}  // namespace tlsprobe
