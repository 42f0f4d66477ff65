#include "adapters/email/smtp/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "adapters/email/mime_message.hpp"
#include "core/ids.hpp"

namespace um::email {

namespace {

void initCurlOnce() {
  // curl_global_init is not thread-safe in this libcurl (7.88); the first sender runs it
  // before any transfer starts.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t readChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data->size() - upload->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SmtpSender::SmtpSender(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {
  initCurlOnce();
  envelopeFrom_ = parseMailbox(options_.from).address;
}

void SmtpSender::send(const Message& message) {
  Message m = message;
  if (m.reference.empty()) m.reference = newId();
  const Mailbox sender = parseMailbox(options_.from);
  const auto at = sender.address.find('@');
  const std::string domain =
      at == std::string::npos ? "ultramarket.local" : sender.address.substr(at + 1);
  // Quoted-printable keeps every line 7-bit and short, so no relay needs 8BITMIME.
  const std::string document =
      renderMime(m, {options_.from, clock_.now(), domain, BodyEncoding::kQuotedPrintable});

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw transientFailure("smtp: could not create a transfer");
  std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, ("<" + m.to + ">").c_str()));
  Upload upload{&document};
  char errorBuffer[CURL_ERROR_SIZE] = {};
  const std::string mailFrom = "<" + envelopeFrom_ + ">";
  const long timeoutMs = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.timeout).count());

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mailFrom.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &readChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(document.size()));
  // smtp://: upgrade with STARTTLS when offered; smtps:// is TLS from the start anyway.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, options_.verifyTls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, options_.verifyTls ? 2L : 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeoutMs);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeoutMs, 10'000L));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);

  const CURLcode result = curl_easy_perform(c);
  if (result == CURLE_OK) return;

  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  // errorBuffer and curl_easy_strerror never contain the URL's password.
  std::string detail = std::string("smtp: ") + curl_easy_strerror(result);
  if (errorBuffer[0] != '\0') detail += ": " + std::string(errorBuffer);
  if (reply > 0) detail += " (reply " + std::to_string(reply) + ")";
  // A refused login is the operator's to fix; retrying after the fix delivers the message.
  if (reply >= 500 && reply < 600 && result != CURLE_LOGIN_DENIED) {
    throw permanentFailure(detail);
  }
  throw transientFailure(detail);
}

}  // namespace um::email
