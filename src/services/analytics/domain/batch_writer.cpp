#include "services/analytics/domain/batch_writer.hpp"

#include <vector>

#include "core/log.hpp"

namespace um::analytics {

BatchWriter::BatchWriter(docstore::DocumentStore& docs, std::string collection,
                         BatchOptions options, std::function<void()> flushed)
    : docs_(docs),
      collection_(std::move(collection)),
      options_(options),
      flushed_(std::move(flushed)) {}

BatchWriter::~BatchWriter() {
  stop();
}

bool BatchWriter::push(docstore::Document document) {
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    if (buffer_.size() >= options_.capacity) {
      full = true;
    } else {
      buffer_.push_back(std::move(document));
      // A full batch is written at once instead of at the next tick.
      if (buffer_.size() < options_.maxBatch) return true;
    }
  }
  if (full) {
    ++dropped_;
    return false;
  }
  wakeup_.notify_one();
  return true;
}

std::size_t BatchWriter::pending() const {
  std::lock_guard lock(mutex_);
  return buffer_.size();
}

std::size_t BatchWriter::flush() {
  std::lock_guard writer(flushMutex_);
  std::size_t written = 0;
  while (true) {
    std::vector<docstore::Document> batch;
    {
      std::lock_guard lock(mutex_);
      const std::size_t n = std::min(buffer_.size(), options_.maxBatch);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(buffer_.front()));
        buffer_.pop_front();
      }
    }
    if (batch.empty()) break;
    try {
      docs_.insertMany(collection_, batch);
    } catch (...) {
      // Back to the front, in order, for the next attempt; the caller hears of the failure.
      std::lock_guard lock(mutex_);
      for (auto it = batch.rbegin(); it != batch.rend(); ++it) buffer_.push_front(std::move(*it));
      while (buffer_.size() > options_.capacity) {
        buffer_.pop_back();
        ++dropped_;
      }
      throw;
    }
    written += batch.size();
  }
  if (written > 0) flushed_();
  return written;
}

void BatchWriter::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void BatchWriter::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wakeup_.notify_one();
  if (thread.joinable()) thread.join();
  try {
    flush();
  } catch (const std::exception& e) {
    log::error("analytics: events lost at shutdown", {{"pending", pending()}, {"error", e.what()}});
  }
}

void BatchWriter::run() {
  while (!stopping_) {
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, options_.flushEvery, [this] {
        return stopping_.load() || buffer_.size() >= options_.maxBatch;
      });
    }
    if (stopping_) break;
    try {
      flush();
    } catch (const std::exception& e) {
      log::warn("analytics: batch not written; retrying", {{"error", e.what()}});
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_.load(); });
    }
  }
}

}  // namespace um::analytics
