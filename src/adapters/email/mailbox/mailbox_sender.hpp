#pragma once

// Delivers email into a folder, one RFC 5322 .eml file per message (MIME, text and HTML
// parts, 8-bit UTF-8 so the files read as they are): what the all-in-one mode and the
// end-to-end tests use instead of a mail server. Files appear atomically (written under a
// temporary name, then renamed), so a reader never sees half a message.

#include <filesystem>
#include <string>

#include "adapters/email/email_sender.hpp"
#include "core/clock.hpp"

namespace um::email {

class MailboxSender final : public EmailSender {
 public:
  MailboxSender(std::filesystem::path folder, std::string from,
                const Clock& clock = systemClock());
  void send(const Message& message) override;
  std::string name() const override { return "mailbox"; }

 private:
  std::filesystem::path folder_;
  std::string from_;
  const Clock& clock_;
};

}  // namespace um::email
