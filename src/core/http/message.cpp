#include "core/http/message.hpp"

#include <strings.h>

#include "core/error.hpp"

namespace um::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void Headers::set(std::string name, std::string value) {
  for (auto& [n, v] : entries_) {
    if (iequals(n, name)) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (iequals(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Json Request::json() const {
  if (body.empty()) return Json::object();
  auto type = headers.get("Content-Type").value_or("");
  auto media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!iequals(media, "application/json")) {
    throw Error(ErrorKind::kUnsupportedMedia, "unsupported_media_type",
                "the body must be application/json");
  }
  try {
    return Json::parse(body);
  } catch (const Json::parse_error&) {
    throw Error(ErrorKind::kValidation, "malformed_json", "the body is not valid JSON");
  }
}

Json Request::jsonObject() const {
  Json value = json();
  if (!value.is_object()) {
    throw Error(ErrorKind::kValidation, "malformed_json", "the body must be a JSON object");
  }
  return value;
}

std::optional<std::string> Request::queryParam(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

const std::string& Request::param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) throw Error(ErrorKind::kInternal, "internal", "no path parameter " + name);
  return it->second;
}

Response Response::json(int status, const Json& body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  // Replace rather than throw on invalid UTF-8 that a client smuggled into a string.
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::noContent() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::text(int status, std::string body, std::string contentType) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", std::move(contentType));
  r.body = std::move(body);
  return r;
}

Response Response::shared(int status, std::shared_ptr<const std::string> body,
                          std::string contentType) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", std::move(contentType));
  r.sharedBody = std::move(body);
  return r;
}

}  // namespace um::http
