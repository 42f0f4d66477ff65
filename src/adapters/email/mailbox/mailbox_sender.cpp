#include "adapters/email/mailbox/mailbox_sender.hpp"

#include <fstream>

#include "adapters/email/mime_message.hpp"
#include "core/ids.hpp"

namespace um::email {

MailboxSender::MailboxSender(std::filesystem::path folder, std::string from, const Clock& clock)
    : folder_(std::move(folder)), from_(std::move(from)), clock_(clock) {}

void MailboxSender::send(const Message& message) {
  Message m = message;
  if (m.reference.empty()) m.reference = newId();
  // 8-bit bodies: the files are read by people and by tests as they are.
  const std::string document =
      renderMime(m, {from_, clock_.now(), "ultramarket.local", BodyEncoding::kEightBit});

  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  // A new name per send even when the reference repeats: a retried delivery is a second
  // message on the wire too, and the mailbox should show what a mail server would.
  const std::string name = newId();
  const auto finalPath = folder_ / (name + ".eml");
  const auto tempPath = folder_ / ("." + name + ".tmp");
  {
    std::ofstream out(tempPath, std::ios::binary | std::ios::trunc);
    out << document;
    out.flush();
    if (!out) throw transientFailure("the mailbox folder is not writable");
  }
  std::filesystem::rename(tempPath, finalPath, ec);
  if (ec) throw transientFailure("the mailbox folder is not writable");
}

}  // namespace um::email
