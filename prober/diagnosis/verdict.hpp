#pragma once
// The verdict for each endpoint and version that did not simply work: is the cause this
// machine, the path, or the server? Evidence comes from the side-by-side backends, from every
// address the name resolved to, and from the registry when one was read.
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

struct Verdict {
  std::string endpoint;
  Version version = Version::tls1_2;
  Cause cause = Cause::works;
  // For `server`: below TLS 1.2 a refusal is the deprecation Azure announced, the healthy state.
  bool expected = false;
  std::string summary;                // one line
  std::vector<std::string> evidence;  // the cells and facts that led to it
  std::string fix;                    // empty when there is nothing to do here
  // Addresses of the endpoint that no attempt reached on any version (diagnosis/connectivity):
  // left out of this verdict, listed so "works" never hides them.
  std::vector<std::string> unreachable_addresses;
};

std::vector<Verdict> diagnose(const Report& report, const std::optional<LocalFacts>& local);

std::string_view to_string(Cause c);

}  // namespace tlsprobe
