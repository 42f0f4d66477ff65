#include "adapters/email/mailbox/mailbox_sender.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace um::email {

namespace {

// A header value must stay on one line, or a caller-supplied subject could add headers.
std::string oneLine(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return text;
}

std::string rfc5322Date(TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

}  // namespace

MailboxSender::MailboxSender(std::filesystem::path folder, std::string from, const Clock& clock)
    : folder_(std::move(folder)), from_(std::move(from)), clock_(clock) {}

void MailboxSender::send(const Message& message) {
  const std::string id = newId();
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  const auto finalPath = folder_ / (id + ".eml");
  const auto tempPath = folder_ / ("." + id + ".tmp");
  {
    std::ofstream out(tempPath, std::ios::binary | std::ios::trunc);
    out << "From: " << oneLine(from_) << "\r\n"
        << "To: " << oneLine(message.to) << "\r\n"
        << "Subject: " << oneLine(message.subject) << "\r\n"
        << "Date: " << rfc5322Date(clock_.now()) << "\r\n"
        << "Message-ID: <" << id << "@ultramarket.local>\r\n"
        << "MIME-Version: 1.0\r\n"
        << "Content-Type: text/plain; charset=utf-8\r\n"
        << "Content-Transfer-Encoding: 8bit\r\n"
        << "\r\n"
        << message.textBody;
    out.flush();
    if (!out) throw Error::unavailable("email_unavailable", "the mailbox folder is not writable");
  }
  std::filesystem::rename(tempPath, finalPath, ec);
  if (ec) throw Error::unavailable("email_unavailable", "the mailbox folder is not writable");
}

}  // namespace um::email
