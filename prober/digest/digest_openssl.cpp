#include <openssl/evp.h>

#include <stdexcept>

#include "digest/digest.hpp"

namespace tlsprobe {
namespace {

std::string hex_digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1)
    throw std::runtime_error("OpenSSL digest failed");
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += digits[out[i] >> 4];
    hex += digits[out[i] & 0xF];
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view data) { return hex_digest(EVP_sha256(), data); }
std::string md5_hex(std::string_view data) { return hex_digest(EVP_md5(), data); }

}  // namespace tlsprobe
