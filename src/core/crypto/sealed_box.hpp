#pragma once

// Authenticated encryption for a secret that must cross a store we do not want to trust with
// it — a password-reset link travelling through the outbox and the event bus (Kafka keeps its
// topics for days). AES-256-GCM via OpenSSL; the key is derived with HKDF-SHA256 from a
// secret every service already holds (JWT_SECRET) and a purpose label, so one purpose's box
// can neither open another's nor reveal the secret it came from.

#include <optional>
#include <string>
#include <string_view>

namespace um::crypto {

class SealedBox {
 public:
  SealedBox(std::string_view secret, std::string_view purpose);

  // base64url(nonce ‖ ciphertext ‖ tag); a fresh random nonce each call.
  std::string seal(std::string_view plaintext) const;
  // nullopt when the text was not sealed by a box with the same secret and purpose, or was
  // changed in any way since.
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::string key_;  // 32 bytes
};

}  // namespace um::crypto
