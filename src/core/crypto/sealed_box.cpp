#include "core/crypto/sealed_box.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "core/crypto/base64url.hpp"

namespace um::crypto {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;  // GCM's natural nonce size
constexpr std::size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string deriveKey(std::string_view secret, std::string_view purpose) {
  if (secret.empty()) throw std::invalid_argument("a sealed box needs a non-empty secret");
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr),
                                                       &EVP_KDF_free);
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(
      kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr, &EVP_KDF_CTX_free);
  if (!ctx) throw std::runtime_error("HKDF unavailable");
  std::string digest = "SHA256";
  std::string key(kKeyBytes, '\0');
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(secret.data()),
                                        secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(purpose.data()),
                                        purpose.size()),
      OSSL_PARAM_construct_end()};
  if (EVP_KDF_derive(ctx.get(), bytes(key), key.size(), params) != 1) {
    throw std::runtime_error("HKDF derivation failed");
  }
  return key;
}

CipherContext newContext() {
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("out of memory for a cipher context");
  return ctx;
}

}  // namespace

SealedBox::SealedBox(std::string_view secret, std::string_view purpose)
    : key_(deriveKey(secret, purpose)) {}

std::string SealedBox::seal(std::string_view plaintext) const {
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  unsigned char* nonce = bytes(out);
  unsigned char* cipher = nonce + kNonceBytes;
  if (RAND_bytes(nonce, kNonceBytes) != 1) throw std::runtime_error("no randomness for a nonce");

  auto ctx = newContext();
  int written = 0;
  int finalWritten = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &written, bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + written, &finalWritten) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          cipher + plaintext.size()) != 1) {
    throw std::runtime_error("AES-GCM encryption failed");
  }
  return base64UrlEncode(out);
}

std::optional<std::string> SealedBox::open(std::string_view sealed) const {
  auto raw = base64UrlDecode(sealed);
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return std::nullopt;
  const std::string_view all(*raw);
  const auto nonce = all.substr(0, kNonceBytes);
  const auto cipher = all.substr(kNonceBytes, all.size() - kNonceBytes - kTagBytes);
  std::string tag(all.substr(all.size() - kTagBytes));

  std::string plain(cipher.size(), '\0');
  auto ctx = newContext();
  int written = 0;
  int finalWritten = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), bytes(plain), &written, bytes(cipher),
                        static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, bytes(tag)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + written, &finalWritten) != 1) {
    return std::nullopt;  // wrong key, or a single flipped bit anywhere
  }
  return plain;
}

}  // namespace um::crypto
