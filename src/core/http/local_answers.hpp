#pragma once

// Pre-serialised answers (bytes and ETag) kept in this process as shared immutable buffers,
// looked up without ever blocking, so a route's fast path answers a hit on the I/O thread
// and its bytes are sent without being copied (Response::sharedBody). Bounded (least
// recently used out) and aged by a TTL. The catalog's read cache and search use it.
//
// Invalidation is by generation: clear() drops everything and moves the generation on.
// A worker reads generation() before it computes an answer and hands it back to store(),
// which drops the answer if a change happened meanwhile, so a page computed from data that
// was changed while it was being built is never kept.

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/http/message.hpp"

namespace um::http {

struct CachedAnswer {
  std::string etag;  // may be empty
  std::string body;

  // The body as a Response body that shares this answer's bytes (and keeps it alive).
  static std::shared_ptr<const std::string> bodyOf(std::shared_ptr<const CachedAnswer> answer) {
    const auto* body = &answer->body;
    return std::shared_ptr<const std::string>(std::move(answer), body);
  }
};

class LocalAnswers {
 public:
  // `capacity` 0 keeps nothing. A ttl of zero or less means no expiry.
  LocalAnswers(std::size_t capacity, std::chrono::seconds ttl, const Clock& clock = systemClock());

  std::uint64_t generation() const;
  // The live answer for `key`, or null.
  std::shared_ptr<const CachedAnswer> find(const std::string& key);
  // Keeps `answer` unless the generation moved on since `generation` was read.
  void store(std::uint64_t generation, const std::string& key,
             std::shared_ptr<const CachedAnswer> answer);
  void clear();

  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedAnswer> answer;
    TimePoint expiresAt;
  };

  const std::size_t capacity_;
  const std::chrono::seconds ttl_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::list<Entry> entries_;  // most recently used first
  // Keys view the strings owned by the list nodes, which never move.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

}  // namespace um::http
