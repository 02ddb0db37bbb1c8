#include "selftest/identity.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace tlsprobe::selftest {

Identity make_identity() {
  Identity id;
  id.key.reset(EVP_RSA_gen(2048));
  id.cert.reset(X509_new());
  if (!id.key || !id.cert) throw std::runtime_error("cannot create a self-test key");
  X509* cert = id.cert.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24L * 3600);
  X509_set_pubkey(cert, id.key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  if (X509_sign(cert, id.key.get(), EVP_sha256()) == 0) throw std::runtime_error("cannot sign the self-test certificate");
  return id;
}

}  // namespace tlsprobe::selftest
