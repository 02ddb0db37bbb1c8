#pragma once
// Whether a certificate is valid for a name, from its alternative names alone: the check
// SChannel's CryptoAPI makes inside the chain policy, made here on its own so the leaf's
// name is judged even when the chain fails first. Pure: built and unit tested everywhere.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsprobe::schannel {

// RFC 6125 §6.4: case-insensitive, a trailing dot on either side ignored. A wildcard is a
// `*` that is the whole left-most label of a pattern with at least two labels after it
// ("*.example.com"); it stands for exactly one non-empty label. Partial wildcards ("f*o.com",
// "*o.com") and wildcards anywhere else match nothing, as in browsers.
bool dns_name_matches(std::string_view pattern, std::string_view host);

// The leaf against `name`, the way OpenSSL's X509_check_host / X509_check_ip_asc do it:
// an IP literal only against the IP alternative names (compared as addresses, so "::1" and
// "0:0::1" are one); a host name against the DNS alternative names, or the subject's common
// name when the certificate has no DNS alternative name. Unset when `name` is empty.
std::optional<bool> leaf_matches_name(const std::vector<std::string>& san_dns, const std::vector<std::string>& san_ip,
                                      const std::string& common_name, const std::string& name);

}  // namespace tlsprobe::schannel
