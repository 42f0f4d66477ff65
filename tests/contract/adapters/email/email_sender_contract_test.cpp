// The email port's contract, run against every adapter and its real counterpart:
//   mailbox   .eml files in a temporary folder, parsed back
//   smtp      a real SMTP server (Mailpit, scripts/mail-test-server.sh), read back through
//             its REST API; needs UM_TEST_SMTP_URL and UM_TEST_MAILPIT_URL, else skipped
//   sendgrid  the local fake of SendGrid's v3 API (tests/fakes/sendgrid_fake.py), started here
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/email/mailbox/mailbox_sender.hpp"
#include "adapters/email/sendgrid/sendgrid_sender.hpp"
#include "adapters/email/smtp/smtp_sender.hpp"
#include "adapters/http_client/http_client.hpp"
#include "core/ids.hpp"

extern char** environ;

namespace um::email {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFrom = "UltraMarket Tests <no-reply@example.com>";

struct Received {
  std::string to;
  std::string fromAddress;
  std::string subject;
  std::string text;
  std::string html;
  std::string reference;  // Message-ID or SendGrid custom_args
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string uniqueRecipient() {
  return "contract-" + newId().substr(24) + "@example.com";
}

// ---- decoding helpers for what the adapters produced ----------------------------------

std::string base64Decode(const std::string& in) {
  std::string out(in.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(std::max(n, 0)));
  std::size_t pad = 0;
  for (auto it = in.rbegin(); it != in.rend() && *it == '='; ++it) ++pad;
  out.resize(out.size() - pad);
  return out;
}

// RFC 2047 B-encoded words joined by folding whitespace, or plain text.
std::string decodeHeader(std::string value) {
  std::string out;
  std::size_t pos = 0;
  bool sawWord = false;
  while (pos < value.size()) {
    const auto start = value.find("=?UTF-8?B?", pos);
    if (start == std::string::npos) {
      out += value.substr(pos);
      break;
    }
    const std::string between = value.substr(pos, start - pos);
    if (!(sawWord && between.find_first_not_of(" \t\r\n") == std::string::npos)) out += between;
    const auto end = value.find("?=", start + 10);
    out += base64Decode(value.substr(start + 10, end - start - 10));
    pos = end + 2;
    sawWord = true;
  }
  return out;
}

struct ParsedEml {
  std::map<std::string, std::string> headers;
  std::string text;
  std::string html;
};

ParsedEml parseEml(const std::string& doc) {
  ParsedEml out;
  const auto split = doc.find("\r\n\r\n");
  std::istringstream head(doc.substr(0, split));
  std::string line, last;
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == ' ') {
      out.headers[last] += line;  // folded
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    last = line.substr(0, colon);
    out.headers[last] = line.substr(colon + 2);
  }
  const std::string body = doc.substr(split + 4);
  const auto& type = out.headers["Content-Type"];
  if (type.starts_with("text/plain")) {
    out.text = body;
    return out;
  }
  const auto b = type.find("boundary=\"");
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  std::size_t pos = body.find(boundary);
  while (pos != std::string::npos) {
    const auto partStart = pos + boundary.size() + 2;
    const auto next = body.find(boundary, partStart);
    if (next == std::string::npos) break;
    const std::string part = body.substr(partStart, next - partStart);
    const auto partSplit = part.find("\r\n\r\n");
    const std::string content = part.substr(partSplit + 4);
    if (part.find("Content-Type: text/plain") != std::string::npos) out.text = content;
    if (part.find("Content-Type: text/html") != std::string::npos) out.html = content;
    pos = next;
  }
  return out;
}

// ---- harnesses -------------------------------------------------------------------------

class Harness {
 public:
  virtual ~Harness() = default;
  virtual std::string skipReason() { return ""; }
  virtual EmailSender& sender() = 0;
  // A sender whose server cannot be reached.
  virtual std::unique_ptr<EmailSender> unreachable() = 0;
  virtual std::vector<Received> receivedBy(const std::string& to) = 0;
};

class MailboxHarness final : public Harness {
 public:
  MailboxHarness() : dir_(fs::temp_directory_path() / ("um-mailbox-" + newId())), sender_(dir_, kFrom) {}
  ~MailboxHarness() override { fs::remove_all(dir_); }

  EmailSender& sender() override { return sender_; }
  std::unique_ptr<EmailSender> unreachable() override {
    return std::make_unique<MailboxSender>("/dev/null/not-a-folder", kFrom);
  }
  std::vector<Received> receivedBy(const std::string& to) override {
    std::vector<Received> out;
    if (!fs::exists(dir_)) return out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() != ".eml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto eml = parseEml(doc);
      if (eml.headers["To"] != to) continue;
      const std::string from = eml.headers["From"];
      out.push_back({to, from.substr(from.find('<') + 1, from.find('>') - from.find('<') - 1),
                     decodeHeader(eml.headers["Subject"]), eml.text, eml.html, eml.headers["Message-ID"]});
    }
    return out;
  }

 private:
  fs::path dir_;
  MailboxSender sender_;
};

std::string httpGet(const std::string& url) {
  auto client = http_client::makeBeastHttpClient();
  http_client::Request r;
  r.url = url;
  auto response = client->send(r);
  if (response.status != 200) throw std::runtime_error("GET " + url + " → " + std::to_string(response.status));
  return response.body;
}

class SmtpHarness final : public Harness {
 public:
  SmtpHarness() : url_(env("UM_TEST_SMTP_URL")), api_(env("UM_TEST_MAILPIT_URL")) {
    if (!url_.empty()) sender_ = std::make_unique<SmtpSender>(SmtpOptions{url_, kFrom});
  }
  std::string skipReason() override {
    return url_.empty() || api_.empty()
               ? "UM_TEST_SMTP_URL and UM_TEST_MAILPIT_URL are not set (scripts/mail-test-server.sh)"
               : "";
  }
  EmailSender& sender() override { return *sender_; }
  std::unique_ptr<EmailSender> unreachable() override {
    return std::make_unique<SmtpSender>(SmtpOptions{"smtp://127.0.0.1:1", kFrom, std::chrono::seconds(5)});
  }
  std::vector<Received> receivedBy(const std::string& to) override {
    std::vector<Received> out;
    const auto list = json::parse(httpGet(api_ + "/api/v1/search?query=" +
                                          http_client::percentEncode("to:\"" + to + "\"")));
    for (const auto& summary : list["messages"]) {
      const auto m = json::parse(httpGet(api_ + "/api/v1/message/" + summary["ID"].get<std::string>()));
      out.push_back({to, m["From"]["Address"].get<std::string>(), m["Subject"].get<std::string>(),
                     m["Text"].get<std::string>(), m["HTML"].get<std::string>(),
                     m["MessageID"].get<std::string>()});
    }
    return out;
  }

 private:
  std::string url_;
  std::string api_;
  std::unique_ptr<SmtpSender> sender_;
};

// The fake runs as its own process, as SendGrid would.
class SendGridHarness final : public Harness {
 public:
  static constexpr const char* kKey = "SG.contract-test-key";

  SendGridHarness() {
    const fs::path script = fs::path(__FILE__).parent_path() / "../../../fakes/sendgrid_fake.py";
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string scriptPath = script.lexically_normal().string();
    const char* argv[] = {"python3", scriptPath.c_str(), "0", kKey, nullptr};
    if (posix_spawnp(&pid_, "python3", &actions, nullptr, const_cast<char* const*>(argv), environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    FILE* reader = fdopen(out[0], "r");
    char line[256] = {};
    if (pid_ > 0 && reader && std::fgets(line, sizeof line, reader)) {
      const std::string text(line);
      const auto at = text.find("http://");
      if (at != std::string::npos) base_ = text.substr(at, text.find_last_not_of("\r\n") + 1 - at);
    }
    if (reader) std::fclose(reader);
    if (!base_.empty()) {
      sender_ = std::make_unique<SendGridSender>(SendGridOptions{kKey, base_, kFrom},
                                                 http_client::makeBeastHttpClient());
    }
  }
  ~SendGridHarness() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::string skipReason() override { return base_.empty() ? "the SendGrid fake did not start" : ""; }
  EmailSender& sender() override { return *sender_; }
  std::unique_ptr<EmailSender> unreachable() override {
    return std::make_unique<SendGridSender>(SendGridOptions{kKey, "http://127.0.0.1:1", kFrom},
                                            http_client::makeBeastHttpClient());
  }
  std::vector<Received> receivedBy(const std::string& to) override {
    std::vector<Received> out;
    // Named: a range-for over a member of a temporary would dangle.
    const json all = json::parse(httpGet(base_ + "/_fake/messages"));
    for (const auto& m : all["messages"]) {
      const auto& body = m["body"];
      if (body["personalizations"][0]["to"][0]["email"] != to) continue;
      Received r{to, body["from"]["email"].get<std::string>(), body["subject"].get<std::string>(),
                 body["content"][0]["value"].get<std::string>(), "", ""};
      if (body["content"].size() > 1) r.html = body["content"][1]["value"].get<std::string>();
      if (body.contains("custom_args")) r.reference = body["custom_args"]["reference"].get<std::string>();
      out.push_back(r);
    }
    return out;
  }
  const std::string& base() const { return base_; }

  void post(const std::string& path) {
    auto client = http_client::makeBeastHttpClient();
    http_client::Request r;
    r.method = "POST";
    r.url = base_ + path;
    client->send(r);
  }

 private:
  pid_t pid_ = -1;
  std::string base_;
  std::unique_ptr<SendGridSender> sender_;
};

std::unique_ptr<Harness> makeHarness(const std::string& name) {
  if (name == "mailbox") return std::make_unique<MailboxHarness>();
  if (name == "smtp") return std::make_unique<SmtpHarness>();
  return std::make_unique<SendGridHarness>();
}

// ---- the shared contract ---------------------------------------------------------------

class EmailSenderContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    harness_ = makeHarness(GetParam());
    if (auto why = harness_->skipReason(); !why.empty()) GTEST_SKIP() << why;
  }

  // SMTP and API deliveries are asynchronous on the server side for a moment.
  std::vector<Received> waitFor(const std::string& to, std::size_t count = 1) {
    std::vector<Received> got;
    for (int i = 0; i < 100; ++i) {
      got = harness_->receivedBy(to);
      if (got.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return got;
  }

  std::unique_ptr<Harness> harness_;
};

TEST_P(EmailSenderContract, DeliversTextAndHtmlToTheRecipient) {
  const auto to = uniqueRecipient();
  harness_->sender().send({to, "Order UM-1 confirmed", "Thanks for your order.\nTotal: $31.80\n",
                           "<p>Thanks for your <strong>order</strong>.</p>", "ref-" + newId()});
  const auto got = waitFor(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].fromAddress, "no-reply@example.com");
  EXPECT_EQ(got[0].subject, "Order UM-1 confirmed");
  EXPECT_NE(got[0].text.find("Thanks for your order."), std::string::npos) << got[0].text;
  EXPECT_NE(got[0].text.find("Total: $31.80"), std::string::npos) << got[0].text;
  EXPECT_NE(got[0].html.find("<strong>order</strong>"), std::string::npos) << got[0].html;
}

TEST_P(EmailSenderContract, UnicodeSubjectsAndBodiesArriveIntact) {
  const auto to = uniqueRecipient();
  const std::string subject = "Grüße – Bestellung UM-7 bestätigt ✓ " + std::string(30, 'x');
  harness_->sender().send({to, subject, "Summe: 12,50 €\nDanke schön!\n", "<p>Summe: 12,50 €</p>", ""});
  const auto got = waitFor(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].subject, subject);
  EXPECT_NE(got[0].text.find("Summe: 12,50 €"), std::string::npos) << got[0].text;
  EXPECT_NE(got[0].html.find("12,50 €"), std::string::npos) << got[0].html;
}

TEST_P(EmailSenderContract, TextOnlyMessagesHaveNoHtml) {
  const auto to = uniqueRecipient();
  harness_->sender().send({to, "Plain", "Just text.\n", "", ""});
  const auto got = waitFor(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].text.find("Just text."), std::string::npos);
  EXPECT_EQ(got[0].html, "");
}

TEST_P(EmailSenderContract, LongLinesAndLeadingDotsSurviveTheTransport) {
  const auto to = uniqueRecipient();
  const std::string longLine(1200, 'y');
  harness_->sender().send({to, "Long", longLine + "\n.\n..leading dots\n", "", ""});
  const auto got = waitFor(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].text.find(longLine), std::string::npos);
  EXPECT_NE(got[0].text.find("..leading dots"), std::string::npos);
}

TEST_P(EmailSenderContract, TheReferenceTravelsWithTheMessage) {
  const auto to = uniqueRecipient();
  const std::string reference = newId();
  harness_->sender().send({to, "Ref", "x\n", "", reference});
  const auto got = waitFor(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].reference.find(reference), std::string::npos) << got[0].reference;
}

TEST_P(EmailSenderContract, AnInvalidRecipientIsRefusedForGood) {
  for (const std::string bad : {"not-an-address", "a@example.com\r\nBcc: b@example.com", "a@example.com, b@example.com"}) {
    try {
      harness_->sender().send({bad, "x", "x\n", "", ""});
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_TRUE(isPermanentFailure(e)) << e.code();
    }
  }
}

TEST_P(EmailSenderContract, AnUnreachableServerIsWorthARetry) {
  auto sender = harness_->unreachable();
  try {
    sender->send({uniqueRecipient(), "x", "x\n", "", ""});
    ADD_FAILURE() << "sent through an unreachable server";
  } catch (const Error& e) {
    EXPECT_FALSE(isPermanentFailure(e)) << e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
  }
}

INSTANTIATE_TEST_SUITE_P(Adapters, EmailSenderContract, ::testing::Values("mailbox", "smtp", "sendgrid"),
                         [](const auto& info) { return info.param; });

// ---- what only one adapter can show ----------------------------------------------------

TEST(SmtpSenderTest, ARecipientTheServerRefusesIsAPermanentFailure) {
  SmtpHarness harness;
  if (auto why = harness.skipReason(); !why.empty()) GTEST_SKIP() << why;
  // mail-test-server.sh accepts recipients at example.com/.org/.net only: 550 for others.
  try {
    harness.sender().send({"someone@refused.invalid", "x", "x\n", "", ""});
    ADD_FAILURE() << "the server accepted a recipient it should refuse";
  } catch (const Error& e) {
    EXPECT_TRUE(isPermanentFailure(e)) << e.what();
    EXPECT_NE(std::string(e.what()).find("550"), std::string::npos) << e.what();
  }
}

TEST(SendGridSenderTest, ServerErrorsAndRateLimitsAreWorthARetry) {
  SendGridHarness harness;
  if (auto why = harness.skipReason(); !why.empty()) GTEST_SKIP() << why;
  for (const char* status : {"503", "429", "500"}) {
    harness.post(std::string("/_fake/fail?status=") + status + "&count=1");
    try {
      harness.sender().send({uniqueRecipient(), "x", "x\n", "", ""});
      ADD_FAILURE() << "no failure for " << status;
    } catch (const Error& e) {
      EXPECT_FALSE(isPermanentFailure(e)) << status;
      EXPECT_NE(std::string(e.what()).find(status), std::string::npos) << e.what();
    }
  }
  const auto to = uniqueRecipient();
  harness.sender().send({to, "after the outage", "x\n", "", ""});
  EXPECT_EQ(harness.receivedBy(to).size(), 1u);
}

TEST(SendGridSenderTest, ABadKeyIsRetriedAfterTheOperatorFixesIt) {
  SendGridHarness harness;
  if (auto why = harness.skipReason(); !why.empty()) GTEST_SKIP() << why;
  SendGridSender wrongKey({"SG.wrong", harness.base(), kFrom}, http_client::makeBeastHttpClient());
  try {
    wrongKey.send({uniqueRecipient(), "x", "x\n", "", ""});
    ADD_FAILURE() << "a wrong key was accepted";
  } catch (const Error& e) {
    EXPECT_FALSE(isPermanentFailure(e));
    EXPECT_NE(std::string(e.what()).find("401"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("SG.wrong"), std::string::npos) << "the key leaked into the error";
  }
}

TEST(SendGridSenderTest, AMessageTheApiRejectsIsAPermanentFailure) {
  SendGridHarness harness;
  if (auto why = harness.skipReason(); !why.empty()) GTEST_SKIP() << why;
  try {
    harness.sender().send({uniqueRecipient(), "x", "", "", ""});  // empty content value → 400
    ADD_FAILURE() << "an empty body was accepted";
  } catch (const Error& e) {
    EXPECT_TRUE(isPermanentFailure(e)) << e.what();
    EXPECT_NE(std::string(e.what()).find("content"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace um::email
