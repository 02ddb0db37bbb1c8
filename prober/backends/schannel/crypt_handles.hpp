#pragma once
// CryptoAPI handles that free themselves: every early return and exception path of the
// certificate code releases what it took.
#include <windows.h>
#include <wincrypt.h>

#include <memory>
#include <type_traits>

namespace tlsprobe::schannel {

struct FreeCertificate {
  void operator()(PCCERT_CONTEXT c) const { CertFreeCertificateContext(c); }
};
struct FreeChain {
  void operator()(PCCERT_CHAIN_CONTEXT c) const { CertFreeCertificateChain(c); }
};

struct CloseStore {
  void operator()(HCERTSTORE s) const { CertCloseStore(s, 0); }
};
struct FreeChainEngine {
  void operator()(HCERTCHAINENGINE e) const { CertFreeCertificateChainEngine(e); }
};

using StorePtr = std::unique_ptr<std::remove_pointer_t<HCERTSTORE>, CloseStore>;
using ChainEnginePtr = std::unique_ptr<std::remove_pointer_t<HCERTCHAINENGINE>, FreeChainEngine>;
using CertificatePtr = std::unique_ptr<const CERT_CONTEXT, FreeCertificate>;
using ChainPtr = std::unique_ptr<const CERT_CHAIN_CONTEXT, FreeChain>;

}  // namespace tlsprobe::schannel
