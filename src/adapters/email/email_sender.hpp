#pragma once

// The email port. The embedded adapter writes each message as an .eml file into a mailbox
// folder (adapters/email/mailbox); SendGrid and SMTP adapters come with the notification
// issue. Senders throw um::Error (kUnavailable) when the message could not be handed over.

#include <string>

namespace um::email {

struct Message {
  std::string to;
  std::string subject;
  std::string textBody;  // UTF-8 plain text
};

class EmailSender {
 public:
  virtual ~EmailSender() = default;
  virtual void send(const Message& message) = 0;
};

}  // namespace um::email
