#pragma once
// The certificates the server presented, as CryptoAPI holds them after an SChannel handshake,
// described the way the OpenSSL backend describes its peer chain.
#include "backends/schannel/sspi.hpp"

#include <wincrypt.h>

#include <string>
#include <vector>

#include "core/outcome.hpp"

namespace tlsprobe::schannel {

// One certificate: RFC 2253-ordered names, upper-case hex serial, UTC times, key, alternative names.
ChainCertificate describe_certificate(PCCERT_CONTEXT cert);

// The subject's common name ("localhost"), empty when it has none.
std::string common_name(PCCERT_CONTEXT cert);

// The leaf and what the server sent with it. SChannel hands over the leaf with its own store
// (hCertStore) holding every certificate of the Certificate message, but a store keeps no
// order: the chain is rebuilt from the leaf by following issuer to subject (the key
// identifiers breaking ties) among those certificates only, never adding a root the server
// did not send. Certificates that link to nothing come last, in the store's order.
std::vector<ChainCertificate> presented_chain(PCCERT_CONTEXT leaf);

}  // namespace tlsprobe::schannel
