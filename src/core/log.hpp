#pragma once

// Structured logs: one JSON object per line on stdout, as Kubernetes log collectors expect:
// {"ts", "level", "service", "msg", ...fields}. Never pass a secret (password, token, card
// number, connection string) as a field; there is a test that greps for them.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace um::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// `level` is LOG_LEVEL's value (debug|info|warn|error).
void init(std::string_view level, std::string service);
bool enabled(Level level);
void write(Level level, std::string_view message, const nlohmann::json& fields = nullptr);
void flush();

inline void debug(std::string_view m, const nlohmann::json& f = nullptr) { write(Level::kDebug, m, f); }
inline void info(std::string_view m, const nlohmann::json& f = nullptr) { write(Level::kInfo, m, f); }
inline void warn(std::string_view m, const nlohmann::json& f = nullptr) { write(Level::kWarn, m, f); }
inline void error(std::string_view m, const nlohmann::json& f = nullptr) { write(Level::kError, m, f); }

}  // namespace um::log
