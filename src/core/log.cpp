#include "core/log.hpp"

#include <atomic>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/trace_context.hpp"

namespace um::log {

namespace {

std::atomic<int> gLevel{static_cast<int>(Level::kInfo)};
std::string gService = "ultramarket";

spdlog::logger& logger() {
  // spdlog does the locking and buffering; we hand it finished JSON lines.
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto l = std::make_shared<spdlog::logger>("um", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::warn);
    return l;
  }();
  return *instance;
}

constexpr const char* name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

void init(std::string_view level, std::string service) {
  Level l = Level::kInfo;
  if (level == "debug") l = Level::kDebug;
  if (level == "warn") l = Level::kWarn;
  if (level == "error") l = Level::kError;
  gLevel = static_cast<int>(l);
  gService = std::move(service);
}

bool enabled(Level level) { return static_cast<int>(level) >= gLevel.load(std::memory_order_relaxed); }

void write(Level level, std::string_view message, const nlohmann::json& fields) {
  if (!enabled(level)) return;
  nlohmann::json line = {{"ts", formatRfc3339(systemClock().now())},
                         {"level", name(level)},
                         {"service", gService},
                         {"msg", message}};
  if (const TraceContext* trace = currentTrace()) {
    line["traceId"] = trace->traceId;
    line["spanId"] = trace->spanId;
  }
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto& l = logger();
  l.log(level >= Level::kWarn ? spdlog::level::warn : spdlog::level::info, text);
}

void flush() { logger().flush(); }

}  // namespace um::log
