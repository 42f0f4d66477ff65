#pragma once

// A bounded pool of connections shared by both adapters. It grows lazily up to its limit
// (an idle service holds no connections it never needed) and makes callers wait, not fail,
// when every connection is busy; only a wait longer than the timeout is an outage.
// A connection handed back that is not reusable() (broken, or stuck in a transaction) is
// closed rather than given to the next caller.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "adapters/sql/database.hpp"

namespace um::sql {

template <typename Connection>
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  // Hands a connection back on destruction, unless discard() said it is broken.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->giveBack(std::move(conn_));
    }

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }
    // The connection is unusable: close it and free its slot for a fresh one.
    void discard() { conn_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  ConnectionPool(Factory factory, std::size_t maxSize, std::chrono::milliseconds waitTimeout)
      : factory_(std::move(factory)),
        maxSize_(maxSize == 0 ? 1 : maxSize),
        waitTimeout_(waitTimeout) {}

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Closes every idle connection, so the next acquire() opens a fresh one. For when one
  // connection was found broken: after a server restart, the idle ones are broken too.
  void discardIdle() {
    std::vector<std::unique_ptr<Connection>> doomed;
    {
      std::lock_guard lock(mutex_);
      doomed.swap(idle_);
      open_ -= doomed.size();
    }
    available_.notify_all();
  }

  Lease acquire() {
    std::unique_lock lock(mutex_);
    const bool ready =
        available_.wait_for(lock, waitTimeout_, [&] { return !idle_.empty() || open_ < maxSize_; });
    if (!ready) {
      throw StoreUnavailable("no database connection free after " +
                             std::to_string(waitTimeout_.count()) + " ms (pool of " +
                             std::to_string(maxSize_) + ")");
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    // Connecting can take a while; hold the slot, not the lock.
    ++open_;
    lock.unlock();
    try {
      return Lease(this, factory_());
    } catch (...) {
      giveBack(nullptr);
      throw;
    }
  }

 private:
  void giveBack(std::unique_ptr<Connection> conn) {
    {
      std::lock_guard lock(mutex_);
      if (conn && conn->reusable()) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    // Outside the lock: closing a connection may mean network I/O.
    conn.reset();
    available_.notify_one();
  }

  Factory factory_;
  const std::size_t maxSize_;
  const std::chrono::milliseconds waitTimeout_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle plus leased plus being opened
};

}  // namespace um::sql
