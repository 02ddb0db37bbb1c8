#include "wire/hello_profile.hpp"

#include <array>

namespace tlsprobe::wire {
namespace {

// SSL 3.0 era suites (RFC 6101 Appendix A.6; AES per RFC 3268, which servers of the time also
// enabled for SSL 3.0). RC4 stays: an SSL 3.0 server that still answers often has nothing else.
// RFC 6101 has no extensions, so secure renegotiation can only be signalled by the SCSV
// (RFC 5746 §3.3).
constexpr std::array<std::uint16_t, 10> ssl3_suites{
    0x0039,  // TLS_DHE_RSA_WITH_AES_256_CBC_SHA
    0x0035,  // TLS_RSA_WITH_AES_256_CBC_SHA
    0x0033,  // TLS_DHE_RSA_WITH_AES_128_CBC_SHA
    0x002F,  // TLS_RSA_WITH_AES_128_CBC_SHA
    0x0016,  // TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
    0x000A,  // TLS_RSA_WITH_3DES_EDE_CBC_SHA
    0x0005,  // TLS_RSA_WITH_RC4_128_SHA
    0x0004,  // TLS_RSA_WITH_RC4_128_MD5
    0x0009,  // TLS_RSA_WITH_DES_CBC_SHA
    scsv_empty_renegotiation_info,
};

// TLS 1.0 / 1.1: only suites those versions define (CBC with HMAC-SHA1; no GCM, no SHA-256
// MACs, which RFC 5246 introduced), in the order SChannel and OpenSSL clients of the era
// offer them. A server must then answer with a suite valid for the forced version.
constexpr std::array<std::uint16_t, 11> tls10_suites{
    0xC00A,  // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
    0xC014,  // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
    0xC009,  // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
    0xC013,  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
    0x0039,  // TLS_DHE_RSA_WITH_AES_256_CBC_SHA
    0x0033,  // TLS_DHE_RSA_WITH_AES_128_CBC_SHA
    0x0035,  // TLS_RSA_WITH_AES_256_CBC_SHA
    0x002F,  // TLS_RSA_WITH_AES_128_CBC_SHA
    0xC012,  // TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
    0x0016,  // TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
    0x000A,  // TLS_RSA_WITH_3DES_EDE_CBC_SHA
};

// TLS 1.2: AEAD first (RFC 5288, RFC 7905), then the SHA-2 CBC suites of RFC 5246 / RFC 5289,
// then the 1.0-era CBC suites Azure front ends still list for old clients.
constexpr std::array<std::uint16_t, 25> tls12_suites{
    0xC02C,  // TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
    0xC02B,  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    0xC030,  // TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
    0xC02F,  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
    0xCCA9,  // TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    0xCCA8,  // TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
    0x009F,  // TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
    0x009E,  // TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
    0xC024,  // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
    0xC028,  // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
    0xC023,  // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
    0xC027,  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
    0xC00A,  // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
    0xC014,  // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
    0xC009,  // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
    0xC013,  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
    0x0039,  // TLS_DHE_RSA_WITH_AES_256_CBC_SHA
    0x0033,  // TLS_DHE_RSA_WITH_AES_128_CBC_SHA
    0x009D,  // TLS_RSA_WITH_AES_256_GCM_SHA384
    0x009C,  // TLS_RSA_WITH_AES_128_GCM_SHA256
    0x003D,  // TLS_RSA_WITH_AES_256_CBC_SHA256
    0x003C,  // TLS_RSA_WITH_AES_128_CBC_SHA256
    0x0035,  // TLS_RSA_WITH_AES_256_CBC_SHA
    0x002F,  // TLS_RSA_WITH_AES_128_CBC_SHA
    0x000A,  // TLS_RSA_WITH_3DES_EDE_CBC_SHA
};

// TLS 1.3 suites only (RFC 8446 §B.4): a server that cannot do 1.3 then has no suite to pick
// and must refuse, instead of falling back to 1.2 on legacy_version 0x0303.
constexpr std::array<std::uint16_t, 3> tls13_suites{
    0x1301,  // TLS_AES_128_GCM_SHA256
    0x1302,  // TLS_AES_256_GCM_SHA384
    0x1303,  // TLS_CHACHA20_POLY1305_SHA256
};

constexpr std::array<std::uint16_t, 3> groups{
    group_x25519,  // RFC 7748
    0x0017,        // secp256r1
    0x0018,        // secp384r1
};

// RFC 5246 §7.4.1.4.1 pairs (hash, signature); SHA-1 last for servers whose only certificate
// is SHA-1 signed.
constexpr std::array<std::uint16_t, 10> tls12_signatures{
    0x0403,  // ecdsa_secp256r1_sha256
    0x0804,  // rsa_pss_rsae_sha256
    0x0401,  // rsa_pkcs1_sha256
    0x0503,  // ecdsa_secp384r1_sha384
    0x0805,  // rsa_pss_rsae_sha384
    0x0501,  // rsa_pkcs1_sha384
    0x0806,  // rsa_pss_rsae_sha512
    0x0601,  // rsa_pkcs1_sha512
    0x0203,  // ecdsa_sha1
    0x0201,  // rsa_pkcs1_sha1
};

// RFC 8446 §4.2.3: rsa_pkcs1 only covers certificate signatures in 1.3, but most chains are
// signed that way, and without it some servers refuse before choosing a version.
constexpr std::span<const std::uint16_t> tls13_signatures{tls12_signatures.data(), 8};

// Record version: RFC 8446 §5.1 lets a TLS 1.3 client use 0x0301 for the initial ClientHello,
// and RFC 5246 Appendix E.1 notes clients use {03,01} so TLS 1.0-only servers read the hello;
// the version that counts is client_version (or supported_versions). SSL 3.0 servers may not
// know 0x0301, so its hello says 0x0300 throughout (RFC 6101 §5.2.1).
const std::array<HelloProfile, 5> profiles{{
    {0x0300, 0x0300, ssl3_suites, false, {}, {}, false},
    {0x0301, 0x0301, tls10_suites, true, groups, {}, false},
    {0x0301, 0x0302, tls10_suites, true, groups, {}, false},
    {0x0301, 0x0303, tls12_suites, true, groups, tls12_signatures, false},
    // RFC 8446 §4.1.2: legacy_version is 0x0303; supported_versions carries 0x0304.
    {0x0301, 0x0303, tls13_suites, true, groups, tls13_signatures, true},
}};

}  // namespace

const HelloProfile& hello_profile(Version v) { return profiles[static_cast<std::size_t>(v)]; }

}  // namespace tlsprobe::wire
