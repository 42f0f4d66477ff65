#pragma once

// Renders a Message as an RFC 5322 / MIME document: the bytes an SMTP server receives after
// DATA and what the mailbox adapter stores as an .eml file. Written here rather than taken
// from a library because no MIME builder is packaged for C++ on Debian, and the subset a
// transactional email needs (one text part, one HTML part, encoded headers) is small.

#include <string>
#include <string_view>

#include "adapters/email/email_sender.hpp"
#include "core/clock.hpp"

namespace um::email {

enum class BodyEncoding {
  // UTF-8 as is: readable in a text editor (the mailbox); needs 8BITMIME over SMTP.
  kEightBit,
  // quoted-printable: 7-bit clean, safe through any SMTP relay.
  kQuotedPrintable,
};

// "UltraMarket <no-reply@example.com>" → {name "UltraMarket", address "no-reply@example.com"};
// a bare address has an empty name.
struct Mailbox {
  std::string name;
  std::string address;
};
Mailbox parseMailbox(std::string_view text);

struct MimeOptions {
  std::string from;  // "Name <address>" or "address"
  TimePoint date;
  std::string messageIdDomain = "ultramarket.local";
  BodyEncoding encoding = BodyEncoding::kQuotedPrintable;
};

// Throws permanentFailure() when the recipient is not a plausible single address (a value
// with CR, LF, commas or angle brackets could add recipients or headers).
std::string renderMime(const Message& message, const MimeOptions& options);

// The pieces, exposed for tests.
std::string encodeHeaderWord(std::string_view text);      // RFC 2047 when not plain ASCII
std::string quotedPrintable(std::string_view text);       // RFC 2045 §6.7, CRLF line ends
std::string rfc5322Date(TimePoint t);
bool isPlausibleAddress(std::string_view address);

}  // namespace um::email
