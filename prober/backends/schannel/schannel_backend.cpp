#include "backends/schannel/schannel_backend.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <vector>

#include "wire/cipher_names.hpp"
#include "wire/fingerprint.hpp"
#include "backends/schannel/certificate.hpp"
#include "backends/schannel/classify.hpp"
#include "backends/schannel/http_check.hpp"
#include "backends/schannel/record_watch.hpp"
#include "backends/schannel/sec_status.hpp"
#include "backends/schannel/sspi.hpp"
#include "backends/schannel/version_map.hpp"
#include "backends/schannel/windows_version.hpp"
#include "net/tap_socket.hpp"
#include "net/watchdog.hpp"

namespace tlsprobe {
namespace {

// The portable table in sec_status.hpp must say what winerror.h says.
static_assert(static_cast<std::uint32_t>(SEC_I_CONTINUE_NEEDED) == schannel::status::continue_needed);
static_assert(static_cast<std::uint32_t>(SEC_I_INCOMPLETE_CREDENTIALS) == schannel::status::incomplete_credentials);
static_assert(static_cast<std::uint32_t>(SEC_E_UNSUPPORTED_FUNCTION) == schannel::status::unsupported_function);
static_assert(static_cast<std::uint32_t>(SEC_E_INTERNAL_ERROR) == schannel::status::internal_error);
static_assert(static_cast<std::uint32_t>(SEC_E_NO_AUTHENTICATING_AUTHORITY) ==
              schannel::status::no_authenticating_authority);
static_assert(static_cast<std::uint32_t>(SEC_E_INCOMPLETE_MESSAGE) == schannel::status::incomplete_message);
static_assert(static_cast<std::uint32_t>(SEC_E_WRONG_PRINCIPAL) == schannel::status::wrong_principal);
static_assert(static_cast<std::uint32_t>(SEC_E_UNTRUSTED_ROOT) == schannel::status::untrusted_root);
static_assert(static_cast<std::uint32_t>(SEC_E_ILLEGAL_MESSAGE) == schannel::status::illegal_message);
static_assert(static_cast<std::uint32_t>(SEC_E_CERT_EXPIRED) == schannel::status::cert_expired);
static_assert(static_cast<std::uint32_t>(SEC_E_ALGORITHM_MISMATCH) == schannel::status::algorithm_mismatch);

// A TLS 1.2 handshake takes 2 rounds, a long certificate chain a few more: this only stops
// a peer that feeds SChannel forever.
constexpr int max_rounds = 64;
// More unconsumed input than any handshake flight: the peer is not speaking TLS to us.
constexpr std::size_t max_pending = std::size_t{1} << 18;

std::size_t index_of(Version v) { return static_cast<std::size_t>(v); }

std::uint32_t as_status(SECURITY_STATUS s) { return static_cast<std::uint32_t>(s); }

// Which API can pin the version on this OS, or why none can.
Support credential_api(Version v, const schannel::WindowsVersion& os, schannel::CredentialApi& api) {
  api = schannel::CredentialApi::schannel_cred;
  if (v != Version::tls1_3) return {};
  if (!os.wine.empty())
    return {false, "Wine's SChannel (Wine " + os.wine +
                       ") has no TLS 1.3: it accepts SCH_CREDENTIALS and ignores it; the raw backend can still test it"};
  if (os.build < schannel::first_tls13_build)
    return {false, "SChannel negotiates TLS 1.3 from Windows build " + std::to_string(schannel::first_tls13_build) +
                       " (Server 2022, Windows 11); this is Windows " + std::to_string(os.major) + "." +
                       std::to_string(os.minor) + " build " + std::to_string(os.build) +
                       "; the raw backend can still test it"};
  api = schannel::CredentialApi::sch_credentials;
  return {};
}

// Will SChannel write a ClientHello for this version? Asked of SChannel itself, without a
// socket (the first InitializeSecurityContext call needs no input), so the registry and the
// OS decide, exactly as they will for the real attempt.
Support probe_support(Version v, schannel::Credentials& credentials) {
  schannel::Observation o;
  o.requested = v;
  if (!credentials.ok()) {
    o.credentials_failed = true;
    o.sec_status = as_status(credentials.status());
    return {false, schannel::classify(o).error.message, o.sec_status};
  }
  schannel::Context dry(credentials, "");
  const auto step = dry.start();
  if (step.status == SEC_I_CONTINUE_NEEDED && !step.token.empty()) return {};
  o.sec_status = as_status(step.status);
  return {false, schannel::classify(o).error.message, o.sec_status};
}

// The suite the server chose, named from its ServerHello: exact on every OS. SChannel's own
// CIPHER_INFO is the fallback for a suite the table does not know; Wine builds that name
// from parts and leaves AEAD suites half unknown ("..._AES_256_GCM_<unknown>").
std::string cipher_of(CtxtHandle* context, const schannel::RecordWatch& watch) {
  std::string from_wire = watch.server_hello() ? wire::cipher_name(watch.server_hello()->cipher_suite) : std::string();
  if (!from_wire.empty() && from_wire.rfind("0x", 0) != 0) return from_wire;
  SecPkgContext_CipherInfo info{};
  if (QueryContextAttributesW(context, SECPKG_ATTR_CIPHER_INFO, &info) == SEC_E_OK && info.szCipherSuite[0] != L'\0') {
    std::string name;
    for (const wchar_t* c = info.szCipherSuite; *c != L'\0'; ++c) name += static_cast<char>(*c);  // ASCII names
    return name;
  }
  return from_wire;
}

void fill_socket_error(schannel::Observation& o, const boost::system::error_code& ec) {
  if (ec == asio::error::eof) {
    o.eof = true;
  } else if (ec && ec != asio::error::operation_aborted && ec.category() == boost::system::system_category()) {
    o.winsock = ec.value();  // Winsock's own number on Windows: 10054, 10053 ...
  }
}

}  // namespace

SchannelBackend::SchannelBackend(const BackendConfig& config)
    : anchors_(std::make_unique<schannel::TrustAnchors>(config.ca_file)) {
  const auto os = schannel::windows_version();
  for (const auto v : all_versions) {
    schannel::CredentialApi api{};
    auto& support = support_[index_of(v)];
    support = credential_api(v, os, api);
    if (!support.ok) continue;
    credentials_[index_of(v)] = std::make_unique<schannel::Credentials>(v, api);
    support = probe_support(v, *credentials_[index_of(v)]);
    // Not the registry: Wine's SChannel sits on GnuTLS, which has no SSL 3.0 to offer.
    if (!support.ok && v == Version::ssl3_0 && !os.wine.empty())
      support.reason += " (Wine " + os.wine + ": its SChannel has no SSL 3.0; the raw backend can still test it)";
  }
}

SchannelBackend::~SchannelBackend() = default;

Support SchannelBackend::supports(Version v) const { return support_[index_of(v)]; }

asio::awaitable<Outcome> SchannelBackend::handshake(asio::ip::tcp::socket& socket, const HandshakeRequest& request) {
  // The engine asks supports() first; this keeps a caller that did not from a null handle.
  if (!credentials_[index_of(request.version)]) co_return unsupported_here(support_[index_of(request.version)].reason);
  schannel::Observation o;
  o.requested = request.version;
  schannel::RecordWatch watch;
  schannel::Context context(*credentials_[index_of(request.version)], request.sni);
  std::vector<std::uint8_t> pending;  // received, not yet consumed by SChannel
  std::vector<std::uint8_t> first_token;  // the first InitializeSecurityContext output: the ClientHello
  std::optional<WireCapture> capture;
  if (request.capture_wire) capture = capture_of(socket);
  boost::system::error_code ec;
  {
    Watchdog watchdog(socket, request.deadline);
    auto step = context.start();
    for (int round = 0; round < max_rounds; ++round) {
      const bool failed = !schannel::succeeded(as_status(step.status)) && step.status != SEC_E_INCOMPLETE_MESSAGE;
      if (failed) o.sec_status = as_status(step.status);
      if (!step.token.empty()) {
        co_await asio::async_write(socket, asio::buffer(step.token), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          if (failed) ec.clear();  // only our alert was lost: SChannel's verdict stands
          break;
        }
        if (o.bytes_sent == 0) first_token = step.token;
        if (capture) capture->add(true, step.token.data(), step.token.size());
        o.bytes_sent += step.token.size();
      }
      if (step.status == SEC_E_OK) {
        o.handshake_ok = true;
        // What follows the handshake's last message (SECBUFFER_EXTRA) is the first record
        // after it: --http-check opens it.
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(step.consumed));
        break;
      }
      if (failed) break;
      pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(step.consumed));
      // Read only when SChannel has used up what it had, or said it needs more of a record;
      // leftover bytes (SECBUFFER_EXTRA) are the next message and go straight back in.
      if (pending.empty() || step.status == SEC_E_INCOMPLETE_MESSAGE) {
        std::array<std::uint8_t, 16384> chunk{};
        const auto n =
            co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        pending.insert(pending.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
        watch.add(std::span(chunk.data(), n));
        if (capture) capture->add(false, chunk.data(), n);
        // A message declared larger than any server sends: waiting for it would only pull
        // in what a hostile peer chooses to send.
        if (pending.size() > max_pending || watch.oversized()) break;
      }
      step = context.next(pending);
    }
    o.timed_out = watchdog.expired();
  }
  fill_socket_error(o, ec);
  o.bytes_received = watch.received();
  if (watch.alert()) o.alert = watch.alert()->description;
  if (watch.server_hello()) o.server_version = watch.server_hello()->version;
  o.not_tls = watch.not_tls();

  if (o.handshake_ok) {
    SecPkgContext_ConnectionInfo info{};
    if (QueryContextAttributesW(context.handle(), SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK)
      o.protocol_bits = info.dwProtocol;
    o.cipher = cipher_of(context.handle(), watch);
  }
  auto outcome = schannel::classify(o);
  // SChannel's hello as it went out: read back, not assumed from the OS build's documentation.
  if (!first_token.empty()) outcome.client_hello = wire::captured_hello(first_token);
  outcome.wire = std::move(capture);  // the handshake's bytes; --http-check's request is not in it
  if (outcome.status == Status::accepted)
    outcome.certificate = schannel::summarize_certificate(context.handle(), request.verify_name, *anchors_);
  // One HEAD request over the accepted handshake; whatever happens to it, the version stays accepted.
  if (outcome.status == Status::accepted) {
    if (const auto& http = request.http) {
      const auto& host = request.sni.empty() ? request.verify_name : request.sni;
      outcome.http = co_await schannel::run_http_check(socket, context, std::move(pending),
                                                       outcome.negotiated == Version::tls1_3, *http, host);
    }
  }
  // A FIN, not a reset: we only wanted the handshake, and the server deserves a clean end.
  boost::system::error_code ignored;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
  co_return outcome;
}

}  // namespace tlsprobe
