#include "adapters/email/sendgrid/sendgrid_sender.hpp"

#include "adapters/email/mime_message.hpp"
#include "core/ids.hpp"

namespace um::email {

namespace {

nlohmann::json address(const Mailbox& m) {
  nlohmann::json out = {{"email", m.address}};
  if (!m.name.empty()) out["name"] = m.name;
  return out;
}

// The first error message SendGrid gave, for the delivery record; never the key.
std::string errorSummary(const http_client::Response& r) {
  std::string detail = "sendgrid: HTTP " + std::to_string(r.status);
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("errors") && body["errors"].is_array() &&
      !body["errors"].empty() && body["errors"][0].is_object()) {
    const auto& first = body["errors"][0];
    if (first.contains("message") && first["message"].is_string()) {
      detail += ": " + first["message"].get<std::string>();
    }
    if (first.contains("field") && first["field"].is_string()) {
      detail += " (" + first["field"].get<std::string>() + ")";
    }
  }
  return detail;
}

}  // namespace

nlohmann::json sendGridPayload(const Message& message, const std::string& from) {
  nlohmann::json content = nlohmann::json::array();
  content.push_back({{"type", "text/plain"}, {"value", message.textBody}});
  if (!message.htmlBody.empty()) {
    content.push_back({{"type", "text/html"}, {"value", message.htmlBody}});
  }
  nlohmann::json body = {
      {"personalizations", nlohmann::json::array({{{"to", nlohmann::json::array({{{"email", message.to}}})}}})},
      {"from", address(parseMailbox(from))},
      {"subject", message.subject},
      {"content", std::move(content)},
  };
  if (!message.reference.empty()) {
    // Comes back on SendGrid's event webhooks, tying provider events to our delivery.
    body["custom_args"] = {{"reference", message.reference}};
  }
  return body;
}

SendGridSender::SendGridSender(SendGridOptions options,
                               std::shared_ptr<http_client::HttpClient> http)
    : options_(std::move(options)), http_(std::move(http)) {
  while (!options_.apiBase.empty() && options_.apiBase.back() == '/') options_.apiBase.pop_back();
}

void SendGridSender::send(const Message& message) {
  if (!isPlausibleAddress(message.to)) {
    throw permanentFailure("the recipient is not a single valid email address");
  }
  Message m = message;
  if (m.reference.empty()) m.reference = newId();

  http_client::Request request;
  request.method = "POST";
  request.url = options_.apiBase + "/v3/mail/send";
  request.headers = {{"Authorization", "Bearer " + options_.apiKey},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"}};
  request.body = sendGridPayload(m, options_.from).dump();
  request.timeout = options_.timeout;

  http_client::Response response;
  try {
    response = http_->send(request);
  } catch (const http_client::TransportError& e) {
    throw transientFailure(std::string("sendgrid: ") + e.what());
  }
  if (response.status >= 200 && response.status < 300) return;
  const std::string detail = errorSummary(response);
  if (response.status == 400 || response.status == 413) throw permanentFailure(detail);
  throw transientFailure(detail);
}

}  // namespace um::email
