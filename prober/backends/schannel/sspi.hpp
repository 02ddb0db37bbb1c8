#pragma once
// RAII over the SSPI handles one SChannel handshake needs, and its InitializeSecurityContext
// steps as plain byte vectors, so the Asio side never touches SecBuffer bookkeeping.
#ifndef SECURITY_WIN32
#define SECURITY_WIN32
#endif
// SCH_CREDENTIALS and TLS_PARAMETERS (the TLS 1.3 API) are declared only with this macro,
// and they use UNICODE_STRING from subauth.h.
#ifndef SCHANNEL_USE_BLACKLISTS
#define SCHANNEL_USE_BLACKLISTS
#endif
#include <windows.h>
#include <subauth.h>
#include <security.h>
#include <schannel.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/version.hpp"

namespace tlsprobe::schannel {

// How the version is pinned: SCHANNEL_CRED.grbitEnabledProtocols (every Windows, SSL 3.0 to
// TLS 1.2), or SCH_CREDENTIALS with TLS_PARAMETERS.grbitDisabledProtocols, which Windows
// needs for TLS 1.3 (build 20348 and later) and which older builds reject.
enum class CredentialApi { schannel_cred, sch_credentials };

// An outbound SChannel credentials handle that enables exactly one version.
class Credentials {
 public:
  Credentials(Version v, CredentialApi api);
  ~Credentials();
  Credentials(const Credentials&) = delete;
  Credentials& operator=(const Credentials&) = delete;

  // SEC_E_OK, or why AcquireCredentialsHandle refused (e.g. the version is disabled here).
  SECURITY_STATUS status() const { return status_; }
  bool ok() const { return status_ == SEC_E_OK; }
  CredHandle* handle() { return &handle_; }

 private:
  CredHandle handle_{};
  SECURITY_STATUS status_ = SEC_E_INTERNAL_ERROR;
};

struct Step {
  SECURITY_STATUS status = SEC_E_INTERNAL_ERROR;
  std::vector<std::uint8_t> token;  // for the server: a ClientHello, a flight, or our alert
  std::size_t consumed = 0;         // input bytes SChannel used; the rest was SECBUFFER_EXTRA
};

// The client side of one handshake.
class Context {
 public:
  // `server_name` is sent as SNI; empty sends none (IP literal targets).
  Context(Credentials& credentials, const std::string& server_name);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // The first call: no input, produces the ClientHello.
  Step start();
  // Every later call, with the server's bytes SChannel has not consumed yet.
  Step next(std::span<const std::uint8_t> input);

  bool established() const { return created_; }
  CtxtHandle* handle() { return &handle_; }

 private:
  Step call(std::span<const std::uint8_t> input, bool first);

  Credentials& credentials_;
  std::wstring target_;
  CtxtHandle handle_{};
  bool created_ = false;
};

}  // namespace tlsprobe::schannel
