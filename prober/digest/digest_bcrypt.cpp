// clang-format off
#include <windows.h>
#include <bcrypt.h>
// clang-format on

#include <stdexcept>
#include <vector>

#include "digest/digest.hpp"

namespace tlsprobe {
namespace {

// BCryptCreateHash / HashData / FinishHash rather than BCryptHash, which needs Windows 10.
std::string hex_digest(LPCWSTR algorithm, std::string_view data) {
  BCRYPT_ALG_HANDLE alg = nullptr;
  if (BCryptOpenAlgorithmProvider(&alg, algorithm, nullptr, 0) != 0) throw std::runtime_error("no CNG digest");
  DWORD size = 0;
  DWORD got = 0;
  BCRYPT_HASH_HANDLE hash = nullptr;
  std::vector<UCHAR> out;
  bool ok = BCryptGetProperty(alg, BCRYPT_HASH_LENGTH, reinterpret_cast<PUCHAR>(&size), sizeof size, &got, 0) == 0;
  if (ok) out.resize(size);
  ok = ok && BCryptCreateHash(alg, &hash, nullptr, 0, nullptr, 0, 0) == 0;
  ok = ok && BCryptHashData(hash, reinterpret_cast<PUCHAR>(const_cast<char*>(data.data())),
                            static_cast<ULONG>(data.size()), 0) == 0;
  ok = ok && BCryptFinishHash(hash, out.data(), size, 0) == 0;
  if (hash != nullptr) BCryptDestroyHash(hash);
  BCryptCloseAlgorithmProvider(alg, 0);
  if (!ok) throw std::runtime_error("CNG digest failed");
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (const UCHAR b : out) {
    hex += digits[b >> 4];
    hex += digits[b & 0xF];
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view data) { return hex_digest(BCRYPT_SHA256_ALGORITHM, data); }
std::string md5_hex(std::string_view data) { return hex_digest(BCRYPT_MD5_ALGORITHM, data); }

}  // namespace tlsprobe
