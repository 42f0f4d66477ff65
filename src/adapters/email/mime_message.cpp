#include "adapters/email/mime_message.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <ctime>

#include "core/ids.hpp"

namespace um::email {

namespace {

bool isPlainAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// A header value must stay on one line, or a caller-supplied value could add headers.
std::string oneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

// Where a UTF-8 sequence starting at text[i] ends (continuation bytes are 10xxxxxx).
std::size_t nextCharEnd(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
  return j;
}

// Line ends of a body become CRLF, as RFC 5322 requires on the wire and in .eml files.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

// RFC 5321 §4.5.2: a line starting with "." is sent with the dot doubled; quoted-printable
// output never starts a line with "." (it encodes it), and 8-bit bodies are dot-stuffed by
// the SMTP adapter's transport. Here only a final CRLF is ensured.
std::string withFinalNewline(std::string text) {
  if (text.empty() || !text.ends_with("\r\n")) text += "\r\n";
  return text;
}

std::string encodeBody(std::string_view body, BodyEncoding encoding) {
  return encoding == BodyEncoding::kQuotedPrintable ? withFinalNewline(quotedPrintable(crlf(body)))
                                                    : withFinalNewline(crlf(body));
}

std::string transferEncodingName(BodyEncoding encoding) {
  return encoding == BodyEncoding::kQuotedPrintable ? "quoted-printable" : "8bit";
}

std::string formatMailbox(const Mailbox& m) {
  if (m.name.empty()) return m.address;
  if (isPlainAscii(m.name)) {
    std::string quoted = "\"";
    for (char c : m.name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "\" <" + m.address + ">";
  }
  return encodeHeaderWord(m.name) + " <" + m.address + ">";
}

}  // namespace

Mailbox parseMailbox(std::string_view text) {
  const std::string clean = oneLine(text);
  const auto open = clean.rfind('<');
  const auto close = clean.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    std::string name = clean.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    return {name, clean.substr(open + 1, close - open - 1)};
  }
  std::string address = clean;
  while (!address.empty() && address.back() == ' ') address.pop_back();
  while (!address.empty() && address.front() == ' ') address.erase(address.begin());
  return {"", address};
}

bool isPlausibleAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
        c == '(' || c == ')' || c == '\\') {
      return false;
    }
  }
  return true;
}

std::string encodeHeaderWord(std::string_view text) {
  const std::string clean = oneLine(text);
  if (isPlainAscii(clean)) return clean;
  // Encoded words are at most 75 characters (RFC 2047 §2): "=?UTF-8?B?" + data + "?=" leaves
  // 63 characters of base64, 45 bytes of text, cut only between UTF-8 sequences so each word
  // decodes on its own. Words are joined by folding whitespace, which decoders drop.
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t start = 0;
  while (start < clean.size()) {
    std::size_t end = start;
    while (end < clean.size()) {
      const std::size_t next = nextCharEnd(clean, end);
      if (next - start > kMaxBytes) break;
      end = next;
    }
    if (end == start) end = nextCharEnd(clean, start);  // never loop on a broken sequence
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string quotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t lineLength = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "\r\n";
      lineLength = 0;
      ++i;
      continue;
    }
    const bool atLineEnd = i + 1 == text.size() || text[i + 1] == '\r';
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !atLineEnd);
    const std::size_t width = literal ? 1 : 3;
    // Soft line break so no encoded line passes 76 characters.
    if (lineLength + width > 75) {
      out += "=\r\n";
      lineLength = 0;
    }
    // A leading "." is encoded, so no SMTP server can mistake a line for the end of DATA.
    if (c == '.' && lineLength == 0) literal = false;
    if (literal) {
      out += static_cast<char>(c);
      lineLength += 1;
    } else {
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
      lineLength += 3;
    }
  }
  return out;
}

std::string rfc5322Date(TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

std::string renderMime(const Message& message, const MimeOptions& options) {
  if (!isPlausibleAddress(message.to)) {
    throw permanentFailure("the recipient is not a single valid email address");
  }
  const Mailbox from = parseMailbox(options.from);
  const std::string reference = message.reference.empty() ? newId() : oneLine(message.reference);

  std::string out;
  out += "From: " + formatMailbox(from) + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + encodeHeaderWord(message.subject) + "\r\n";
  out += "Date: " + rfc5322Date(options.date) + "\r\n";
  out += "Message-ID: <" + reference + "@" + options.messageIdDomain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";

  const std::string encodingName = transferEncodingName(options.encoding);
  if (message.htmlBody.empty()) {
    out += "Content-Type: text/plain; charset=utf-8\r\n";
    out += "Content-Transfer-Encoding: " + encodingName + "\r\n\r\n";
    out += encodeBody(message.textBody, options.encoding);
    return out;
  }
  // The boundary must not occur in either part; a fresh id never does.
  const std::string boundary = "=_um_" + newId();
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  // Plain text first: clients show the last part they understand (RFC 2046 §5.1.4).
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: " + encodingName + "\r\n\r\n";
  out += encodeBody(message.textBody, options.encoding);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: " + encodingName + "\r\n\r\n";
  out += encodeBody(message.htmlBody, options.encoding);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace um::email
