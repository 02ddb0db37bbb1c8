#pragma once
// The verdict for each endpoint and version that did not simply work: is the cause this
// machine, the path, or the server? Evidence comes from the side-by-side backends, from every
// address the name resolved to, and from the registry when one was read.
//
// A verdict is data: the cause, the reason inside it, the attempts and facts that decided it.
// render/verdicts writes the sentences (summary, evidence lines, fix) from these fields, so a
// front end that wants other words, or none, reads the same verdict.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace tlsprobe {

// What this machine's configuration lets the SChannel client offer, as the diagnosis needs it
// (filled from the registry audit).
struct LocalFacts {
  struct Entry {
    bool blocked = false;  // the registry keeps this machine from offering it (SChannel, .NET, WinHTTP)
    std::string why;       // "SCHANNEL\Protocols\TLS 1.2\Client Enabled=0 (registry export x.reg)"
    std::string fix;       // the registry lines that would allow it
  };
  std::string source;
  std::map<Version, Entry> versions;
};

enum class Cause { works, local, path, server, unreachable };

// Which rule decided the verdict; each names one way the evidence can fall.
enum class Reason {
  works,                // every stack and address that reached the server was accepted
  still_accepted,       // below TLS 1.2 and the server still accepts it
  cut_after_handshake,  // handshake accepted, the --http-check request then failed
  blocked_by_registry,  // the registry keeps SChannel (or .NET, WinHTTP) from offering it
  stack_cannot_offer,   // the server accepts it; a stack here cannot offer it
  no_common_cipher,     // the server accepts it, but only with suites a failing stack did not offer
  no_common_group,      // suites in common, but only key exchange groups a failing stack did not offer
  no_stack_can_try,     // no stack on this machine can attempt it at all
  never_reached,        // no attempt reached the server
  split_on_path,        // accepted at some addresses or stacks and refused at others, or a proxy failed
  refused_everywhere,   // every stack at every address was refused by the server
  failed,               // none of the above: the first failure speaks for itself
};

// no_common_cipher / no_common_group: what one failing stack offered beside what the server
// accepts (from the --ciphers scans), with nothing in common. Suites, or group numbers.
struct CipherGap {
  std::string backend;
  std::vector<std::uint16_t> offered;  // the stack's ClientHello, GREASE and signalling values left out
  std::vector<std::uint16_t> server;   // what the server accepts at the version, in its order
};

// One attempt the verdict weighed.
struct CellSeen {
  std::string backend;
  std::string address;  // empty when the name did not resolve
  Outcome outcome;
};

struct Verdict {
  std::string endpoint;
  Version version = Version::tls1_2;
  Cause cause = Cause::works;
  Reason reason = Reason::works;
  // For `server`: below TLS 1.2 a refusal is the deprecation Azure announced, the healthy state.
  bool expected = false;
  bool server_accepts = false;  // some attempt at this version was accepted
  std::vector<CellSeen> cells;  // every attempt weighed, in report order
  // The registry's block on this version, when a registry was read and it blocks it (for an
  // old version that is the hardening Azure asks for, and only evidence).
  std::optional<LocalFacts::Entry> registry;
  std::vector<std::string> stacks;             // stack_cannot_offer: the stacks that could not offer it
  std::vector<std::string> failing_addresses;  // split_on_path: where it was refused ("" = no address)
  std::vector<CipherGap> cipher_gaps;          // no_common_cipher: one per failing stack
  std::vector<CipherGap> group_gaps;           // no_common_group: one per failing stack
  // The attempt the verdict names: the first failure (never_reached, failed) or the accepted
  // handshake whose request failed (cut_after_handshake: its outcome.http carries the error).
  std::optional<CellSeen> decisive;
  // Addresses of the endpoint that no attempt reached on any version (diagnosis/connectivity):
  // left out of this verdict, listed so "works" never hides them.
  std::vector<std::string> unreachable_addresses;
};

std::vector<Verdict> diagnose(const Report& report, const std::optional<LocalFacts>& local);

std::string_view to_string(Cause c);
std::string_view to_string(Reason r);

}  // namespace tlsprobe
