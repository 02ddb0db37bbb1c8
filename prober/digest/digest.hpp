#pragma once
// The two digests fingerprints need, in lower-case hex: SHA-256 (JA4) and MD5 (JA3, which
// tools print as MD5 though nothing secret rests on it). OpenSSL's on Linux, Windows' CNG
// (bcrypt) in the Windows build, which carries no OpenSSL.
#include <string>
#include <string_view>

namespace tlsprobe {

std::string sha256_hex(std::string_view data);
std::string md5_hex(std::string_view data);

}  // namespace tlsprobe
