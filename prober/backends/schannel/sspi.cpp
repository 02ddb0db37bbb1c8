#include "backends/schannel/sspi.hpp"

#include "backends/schannel/version_map.hpp"

namespace tlsprobe::schannel {
namespace {

// The certificate is checked by us after the handshake (certificate.cpp) and reported beside
// the outcome; SChannel must not fail the handshake over it, nor pick a client certificate.
constexpr DWORD credential_flags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;

// A stream of records over our own socket, with SChannel allocating the output tokens.
// EXTENDED_ERROR makes a failing call hand back the alert to send the server.
constexpr ULONG request_flags = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
                                ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM | ISC_REQ_USE_SUPPLIED_CREDS |
                                ISC_REQ_EXTENDED_ERROR;

SECURITY_STATUS acquire(void* auth_data, CredHandle* handle) {
  TimeStamp expiry{};
  return AcquireCredentialsHandleW(nullptr, const_cast<wchar_t*>(UNISP_NAME_W), SECPKG_CRED_OUTBOUND, nullptr,
                                   auth_data, nullptr, nullptr, handle, &expiry);
}

}  // namespace

Credentials::Credentials(Version v, CredentialApi api) {
  if (api == CredentialApi::schannel_cred) {
    SCHANNEL_CRED cred{};
    cred.dwVersion = SCHANNEL_CRED_VERSION;
    cred.grbitEnabledProtocols = client_bit(v);
    cred.dwFlags = credential_flags;
    status_ = acquire(&cred, &handle_);
  } else {
    // SCH_CREDENTIALS says what to disable, not what to enable: everything but our version.
    TLS_PARAMETERS tls{};
    tls.grbitDisabledProtocols = all_client_bits() & ~client_bit(v);
    SCH_CREDENTIALS cred{};
    cred.dwVersion = SCH_CREDENTIALS_VERSION;
    cred.dwFlags = credential_flags;
    cred.cTlsParameters = 1;
    cred.pTlsParameters = &tls;
    status_ = acquire(&cred, &handle_);
  }
}

Credentials::~Credentials() {
  if (ok()) FreeCredentialsHandle(&handle_);
}

Context::Context(Credentials& credentials, const std::string& server_name) : credentials_(credentials) {
  // Host names reach us validated (RFC 1123 letters, digits, '-', '.', '_'): ASCII widens as is.
  target_.assign(server_name.begin(), server_name.end());
}

Context::~Context() {
  if (created_) DeleteSecurityContext(&handle_);
}

Step Context::start() { return call({}, true); }

Step Context::next(std::span<const std::uint8_t> input) { return call(input, false); }

Step Context::call(std::span<const std::uint8_t> input, bool first) {
  // SSPI takes non-const buffers but does not write into SECBUFFER_TOKEN input.
  SecBuffer in[2] = {
      {static_cast<unsigned long>(input.size()), SECBUFFER_TOKEN, const_cast<std::uint8_t*>(input.data())},
      {0, SECBUFFER_EMPTY, nullptr},
  };
  SecBufferDesc in_desc{SECBUFFER_VERSION, 2, in};
  SecBuffer out[2] = {{0, SECBUFFER_TOKEN, nullptr}, {0, SECBUFFER_ALERT, nullptr}};
  SecBufferDesc out_desc{SECBUFFER_VERSION, 2, out};
  ULONG attributes = 0;
  TimeStamp expiry{};
  wchar_t* target = target_.empty() ? nullptr : target_.data();

  Step step;
  step.status = InitializeSecurityContextW(credentials_.handle(), first ? nullptr : &handle_, target, request_flags, 0,
                                           0, first ? nullptr : &in_desc, 0, first ? &handle_ : nullptr, &out_desc,
                                           &attributes, &expiry);
  if (first && (step.status == SEC_E_OK || step.status == SEC_I_CONTINUE_NEEDED)) created_ = true;

  for (auto& buffer : out) {
    if (buffer.pvBuffer == nullptr) continue;
    if (buffer.BufferType == SECBUFFER_TOKEN && buffer.cbBuffer > 0) {
      const auto* bytes = static_cast<const std::uint8_t*>(buffer.pvBuffer);
      step.token.assign(bytes, bytes + buffer.cbBuffer);
    }
    FreeContextBuffer(buffer.pvBuffer);
  }
  // SEC_E_INCOMPLETE_MESSAGE consumes nothing: the same bytes come back with more after them.
  // SEC_I_INCOMPLETE_CREDENTIALS asks for the same call again, with the same bytes.
  if (!first && step.status != SEC_E_INCOMPLETE_MESSAGE && step.status != SEC_I_INCOMPLETE_CREDENTIALS) {
    step.consumed = input.size();
    if (in[1].BufferType == SECBUFFER_EXTRA && in[1].cbBuffer <= input.size()) step.consumed -= in[1].cbBuffer;
  }
  return step;
}

}  // namespace tlsprobe::schannel
