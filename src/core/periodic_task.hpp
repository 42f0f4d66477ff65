#pragma once

// A background pass run every `interval` on a thread of its own, until stop(). A pass that
// throws is logged and the next one runs as usual (a store may be briefly down).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace um {

class PeriodicTask {
 public:
  // kAtStart: the first pass runs as soon as the task starts (work interrupted by a restart
  // is found then), the next ones every interval.
  enum class FirstPass { kAfterInterval, kAtStart };

  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> pass,
               FirstPass first = FirstPass::kAfterInterval);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void start();
  void stop();  // idempotent; returns once the thread has finished

 private:
  void run();

  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> pass_;
  FirstPass first_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace um
