#include "core/http/local_answers.hpp"

namespace um::http {

LocalAnswers::LocalAnswers(std::size_t capacity, std::chrono::seconds ttl, const Clock& clock)
    : capacity_(capacity), ttl_(ttl), clock_(clock) {}

std::uint64_t LocalAnswers::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

std::shared_ptr<const CachedAnswer> LocalAnswers::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  auto entry = it->second;
  if (ttl_.count() > 0 && clock_.now() >= entry->expiresAt) {
    index_.erase(it);
    entries_.erase(entry);
    return nullptr;
  }
  entries_.splice(entries_.begin(), entries_, entry);
  return entry->answer;
}

void LocalAnswers::store(std::uint64_t generation, const std::string& key,
                         std::shared_ptr<const CachedAnswer> answer) {
  if (capacity_ == 0) return;
  const auto expiresAt = ttl_.count() > 0 ? clock_.now() + ttl_ : TimePoint::max();
  std::lock_guard lock(mutex_);
  if (generation != generation_) return;
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->answer = std::move(answer);
    it->second->expiresAt = expiresAt;
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  if (entries_.size() >= capacity_) {
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
  entries_.push_front(Entry{key, std::move(answer), expiresAt});
  index_.emplace(entries_.front().key, entries_.begin());
}

void LocalAnswers::clear() {
  std::lock_guard lock(mutex_);
  ++generation_;
  index_.clear();
  entries_.clear();
}

std::size_t LocalAnswers::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace um::http
