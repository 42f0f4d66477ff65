#pragma once

// Sends email over SMTP (RFC 5321) through libcurl, a well-kept client that already does
// the protocol's details: EHLO, STARTTLS, AUTH PLAIN/LOGIN, dot-stuffing, timeouts.
//
// SMTP_URL forms: smtp://host:port (STARTTLS when the server offers it), smtps://host:port
// (TLS from the first byte), with optional user:password@ for AUTH; percent-encode special
// characters in the password. Replies classify failures: a 5xx reply refuses the message
// for good (permanentFailure), a 4xx reply or a network failure is worth a retry later.

#include <chrono>
#include <string>

#include "adapters/email/email_sender.hpp"
#include "core/clock.hpp"

namespace um::email {

struct SmtpOptions {
  std::string url;   // smtp:// or smtps://, see above
  std::string from;  // "Name <address>"
  std::chrono::seconds timeout{30};
  // Verify the server's certificate (off only for local test servers with self-signed ones).
  bool verifyTls = true;
};

class SmtpSender final : public EmailSender {
 public:
  explicit SmtpSender(SmtpOptions options, const Clock& clock = systemClock());
  void send(const Message& message) override;
  std::string name() const override { return "smtp"; }

 private:
  SmtpOptions options_;
  const Clock& clock_;
  std::string envelopeFrom_;  // the bare address for MAIL FROM
};

}  // namespace um::email
