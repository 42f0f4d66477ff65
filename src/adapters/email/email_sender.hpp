#pragma once

// The email port. Adapters: a mailbox folder of .eml files (embedded default,
// adapters/email/mailbox), SMTP (adapters/email/smtp) and the SendGrid v3 API
// (adapters/email/sendgrid). One shared contract suite runs against all three
// (tests/contract/adapters/email).
//
// How a sender fails says whether trying again can help:
//   Error(kUnavailable, "email_unavailable")  the message was not handed over (server down,
//                                             timeout, 4xx SMTP reply, 429/5xx API answer);
//                                             a retry later may succeed;
//   Error(kValidation,  "email_rejected")     the provider refused this message for good
//                                             (5xx SMTP reply to the recipient, 400 from the
//                                             API); retrying the same message never helps.

#include <string>

#include "core/error.hpp"

namespace um::email {

struct Message {
  std::string to;          // one address, "a@b.c"
  std::string subject;     // UTF-8; encoded by the adapter as the transport needs
  std::string textBody;    // UTF-8 plain text; always present
  std::string htmlBody;    // UTF-8 HTML; empty → a text-only message
  // Unique per message; becomes the Message-ID's local part (and SendGrid's custom_args),
  // so a message re-sent after a crash can be recognised. Empty → the adapter makes one.
  std::string reference;
};

class EmailSender {
 public:
  virtual ~EmailSender() = default;
  // Blocking. Throws um::Error as described above.
  virtual void send(const Message& message) = 0;
  // A short name for records and logs: "mailbox", "smtp", "sendgrid".
  virtual std::string name() const { return "email"; }
};

inline Error transientFailure(std::string detail) {
  return Error(ErrorKind::kUnavailable, "email_unavailable", std::move(detail));
}

inline Error permanentFailure(std::string detail) {
  return Error(ErrorKind::kValidation, "email_rejected", std::move(detail));
}

inline bool isPermanentFailure(const Error& e) {
  return e.code() == "email_rejected";
}

}  // namespace um::email
