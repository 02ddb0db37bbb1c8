#pragma once
// Our versions to SChannel's protocol bits (schannel.h SP_PROT_*) and registry key names.
// Plain numbers, so the table builds and is unit tested on Linux as well.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/version.hpp"

namespace tlsprobe::schannel {

// The SP_PROT_*_CLIENT bit that pins exactly this version in
// SCHANNEL_CRED.grbitEnabledProtocols (and the one to leave enabled in TLS_PARAMETERS).
std::uint32_t client_bit(Version v);
// Every client bit from SSL 3.0 to TLS 1.3: TLS_PARAMETERS.grbitDisabledProtocols is this
// minus the pinned version.
std::uint32_t all_client_bits();
// SecPkgContext_ConnectionInfo.dwProtocol to our version: Windows reports the client bit,
// some SChannel versions (and Wine) the server bit of the same version.
std::optional<Version> from_protocol_bits(std::uint32_t bits);
// The key under HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols:
// "SSL 3.0", "TLS 1.0" ... "TLS 1.3".
std::string_view registry_protocol(Version v);

}  // namespace tlsprobe::schannel
