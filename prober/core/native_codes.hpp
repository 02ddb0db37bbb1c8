#pragma once
// Native error numbers in both schemes: users compare our output with Linux logs (errno)
// and with the Windows event log and Azure's documentation (Winsock, e.g. 10054).
#include <optional>
#include <string_view>

#include "core/outcome.hpp"

namespace tlsprobe {

std::optional<int> winsock_for_errno(int posix_errno);
std::optional<int> errno_for_winsock(int winsock);
// What a socket error (Linux numbering) says about an attempt: reset, refused, timeout, or
// local (this machine's firewall, descriptor or buffer limits; unknown numbers too).
ErrorClass class_for_errno(int posix_errno);
bool is_local_socket_error(int posix_errno);
// Our own deadline ran out in `phase`: class timeout, carrying the numbers of the table's
// timeout row (ETIMEDOUT 110, WSAETIMEDOUT 10060), since a Windows client meeting the same
// silence reports 10060 and admins look for that number.
Outcome timeout_failure(Status status, Phase phase);
// getaddrinfo's EAI_* to WSAHOST_NOT_FOUND 11001 and friends.
std::optional<int> winsock_for_eai(int eai);

// RFC 8446 §6 (and RFC 5246 §7.2 for the retired ones): "handshake_failure" for 40.
std::string_view alert_name(int description);

}  // namespace tlsprobe
