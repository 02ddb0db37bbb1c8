#include "backends/openssl/trust_store.hpp"

#include <openssl/err.h>

#include <memory>

#include "core/errors.hpp"

namespace tlsprobe::openssl {
namespace {

std::string error_text(unsigned long code) {
  char buffer[256];
  ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

// The chain as sent (leaf first), DER, after the name it is checked for: the cache key.
std::string chain_key(SSL* ssl) {
  std::string key;
  const X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (const char* host = X509_VERIFY_PARAM_get0_host(const_cast<X509_VERIFY_PARAM*>(param), 0)) key += host;
  if (char* ip = X509_VERIFY_PARAM_get1_ip_asc(const_cast<X509_VERIFY_PARAM*>(param))) {
    key += ip;
    OPENSSL_free(ip);
  }
  key += '\0';
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl))
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      unsigned char* der = nullptr;
      const int n = i2d_X509(sk_X509_value(chain, i), &der);
      if (n > 0) key.append(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
      OPENSSL_free(der);
      key += '\0';
    }
  return key;
}

}  // namespace

int accept_chain_for_now(X509_STORE_CTX* /*ctx*/, void* /*arg*/) { return 1; }

TrustStore::TrustStore(std::string ca_file) : ca_file_(std::move(ca_file)) {
  if (ca_file_.empty()) return;
  store_ = X509_STORE_new();
  if (store_ == nullptr || X509_STORE_load_file(store_, ca_file_.c_str()) != 1) {
    const std::string why = error_text(ERR_get_error());
    ERR_clear_error();
    // A constructor that throws runs no destructor: free the store here.
    X509_STORE_free(store_);
    store_ = nullptr;
    throw UsageError("cannot load CA file " + ca_file_ + ": " + why);
  }
  loaded_ = true;
}

TrustStore::~TrustStore() { X509_STORE_free(store_); }

X509_STORE* TrustStore::store() {
  if (loaded_) return store_;
  loaded_ = true;
  store_ = X509_STORE_new();
  if (store_ == nullptr || X509_STORE_set_default_paths(store_) != 1)
    // Without it every chain reads "untrusted": say why beside each verdict on trust.
    note_ = "the system trust store could not be loaded (" + error_text(ERR_get_error()) + ")";
  ERR_clear_error();
  return store_;
}

long TrustStore::verify_peer(SSL* ssl) {
  X509* leaf = SSL_get0_peer_certificate(ssl);
  if (leaf == nullptr) return X509_V_ERR_UNSPECIFIED;
  const std::string key = chain_key(ssl);
  const std::lock_guard lock(mutex_);
  if (const auto it = verified_.find(key); it != verified_.end()) return it->second;
  X509_STORE* trusted = store();
  long result = X509_V_ERR_UNSPECIFIED;
  const std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
  if (ctx && trusted != nullptr && X509_STORE_CTX_init(ctx.get(), trusted, leaf, SSL_get_peer_cert_chain(ssl)) == 1) {
    // What the handshake would have used: the server purpose and the SSL's name to match.
    X509_STORE_CTX_set_default(ctx.get(), "ssl_server");
    X509_VERIFY_PARAM_set1(X509_STORE_CTX_get0_param(ctx.get()), SSL_get0_param(ssl));
    result = X509_verify_cert(ctx.get()) == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
  }
  ERR_clear_error();
  ++verifications_;
  verified_.emplace(key, result);
  return result;
}

std::string TrustStore::note() {
  const std::lock_guard lock(mutex_);
  return note_;
}

std::size_t TrustStore::verifications() const {
  const std::lock_guard lock(mutex_);
  return verifications_;
}

}  // namespace tlsprobe::openssl
