#pragma once

// Buffers behaviour events in memory and writes them in batches on a thread of its own, so
// POST /v2/analytics/events answers without touching the store: a burst of page views costs
// shoppers nothing, and the store sees one write per batch instead of one per event.
//
// The buffer is bounded. When it is full, push() refuses (the route answers 503 with
// Retry-After) rather than letting memory grow without end. Events still buffered when the
// process stops are written by stop(); a crash loses at most one flush interval of them,
// which analytics can afford and checkout never depends on.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/docstore/docstore.hpp"

namespace um::analytics {

struct BatchOptions {
  std::size_t maxBatch = 500;
  std::size_t capacity = 20000;
  std::chrono::milliseconds flushEvery{250};
};

class BatchWriter {
 public:
  // `flushed` runs after each batch reached the store.
  BatchWriter(docstore::DocumentStore& docs, std::string collection, BatchOptions options = {},
              std::function<void()> flushed = [] {});
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Never blocks on the store. False when the buffer is full.
  bool push(docstore::Document document);

  void start();
  // Writes what is buffered, then joins the thread. Idempotent.
  void stop();
  // Writes what is buffered now, on the calling thread; returns how many were written.
  std::size_t flush();

  std::size_t pending() const;
  std::uint64_t dropped() const { return dropped_; }

 private:
  void run();

  docstore::DocumentStore& docs_;
  std::string collection_;
  BatchOptions options_;
  std::function<void()> flushed_;

  mutable std::mutex mutex_;  // guards buffer_, thread_; pairs with wakeup_
  std::condition_variable wakeup_;
  std::deque<docstore::Document> buffer_;
  std::mutex flushMutex_;  // one writer at a time, so batches keep arrival order
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> dropped_{0};
  std::thread thread_;
};

}  // namespace um::analytics
