#pragma once

// Sends email through SendGrid's v3 Web API: POST {base}/v3/mail/send with
// `Authorization: Bearer <SENDGRID_API_KEY>` and a JSON body of personalizations, from,
// subject and content (text/plain first, then text/html, as the API requires). SendGrid
// answers 202 Accepted with an empty body and an X-Message-Id header.
//
// Answers classify failures: 400 and 413 refuse this message for good; 401/403 (a key the
// operator must fix), 429 and 5xx, and network failures are worth a retry later.

#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/email/email_sender.hpp"
#include "adapters/http_client/http_client.hpp"

namespace um::email {

struct SendGridOptions {
  std::string apiKey;
  std::string apiBase = "https://api.sendgrid.com";  // tests point it at a local fake
  std::string from;                                  // "Name <address>"
  std::chrono::milliseconds timeout{15000};
};

class SendGridSender final : public EmailSender {
 public:
  SendGridSender(SendGridOptions options, std::shared_ptr<http_client::HttpClient> http);
  void send(const Message& message) override;
  std::string name() const override { return "sendgrid"; }

 private:
  SendGridOptions options_;
  std::shared_ptr<http_client::HttpClient> http_;
};

// The request body for one message; exposed for tests.
nlohmann::json sendGridPayload(const Message& message, const std::string& from);

}  // namespace um::email
