#pragma once
// The audit: which settings stop this machine from offering TLS 1.2 to Azure Backup, each with
// a stable id and the registry lines that fix it.
//
// Finding ids (stable; scripts and the diagnosis join key on them):
//   os.tls1_2_unsupported                     error    build older than Server 2008 SP2
//   os.kb4019276                              warning  Server 2008 SP2: needs KB4019276
//   os.kb3140245                              warning  7 / 2008 R2 / 2012: needs KB3140245
//   schannel.tls1_2.client.disabled           error    Client Enabled=0
//   schannel.tls1_2.client.disabled_by_default error   Client DisabledByDefault non-zero
//   schannel.tls1_2.client.os_default_off     error    DisabledByDefault unset on a build that
//                                                      keeps TLS 1.2 off by default
//   schannel.tls1_2.client.os_default         warning  DisabledByDefault unset, OS unknown
//   dotnet.{x64,x86}.system_default_tls_missing  error (warning with strong crypto on)
//   dotnet.{x64,x86}.strong_crypto_missing       error (warning with system default on)
//   winhttp.{x64,x86}.tls1_2_not_default      error    mask without 0x800, or unset on a
//                                                      build whose default lacks TLS 1.2
//   winhttp.{x64,x86}.os_default              info     unset and the OS unknown: no fix
// Every finding is about TLS 1.2 (protocol tls1.2): Azure Backup needs nothing else.
// The cipher suite and curve ids are listed in registry/cipher_audit.hpp.
#include <vector>

#include "registry/finding.hpp"
#include "registry/settings.hpp"

namespace tlsprobe::registry {

// In a fixed order: OS, SChannel, .NET x64, x86, WinHTTP x64, x86, then the cipher side
// (registry/cipher_audit.hpp).
std::vector<Finding> audit(const Settings& settings);

}  // namespace tlsprobe::registry
