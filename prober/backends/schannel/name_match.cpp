#include "backends/schannel/name_match.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <cstddef>

namespace tlsprobe::schannel {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view without_root_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

std::optional<boost::asio::ip::address> ip_address(std::string_view text) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return address;
}

}  // namespace

bool dns_name_matches(std::string_view pattern, std::string_view host) {
  pattern = without_root_dot(pattern);
  host = without_root_dot(host);
  if (pattern.empty() || host.empty() || host.find('*') != std::string_view::npos) return false;
  if (pattern.substr(0, 2) != "*.") {
    // A `*` anywhere else is no wildcard, and no host name holds one either.
    return pattern.find('*') == std::string_view::npos && iequal(pattern, host);
  }
  const std::string_view rest = pattern.substr(1);  // ".example.com"
  // At least two labels after the wildcard: "*.com" would cover a whole top-level domain.
  if (rest.find('.', 1) == std::string_view::npos || rest.find('*') != std::string_view::npos) return false;
  if (rest.find("..") != std::string_view::npos || rest.size() < 2) return false;
  // Never a wildcard for an address written as a name.
  if (ip_address(host)) return false;
  const std::size_t dot = host.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;  // the first label is not empty
  return iequal(host.substr(dot), rest);
}

std::optional<bool> leaf_matches_name(const std::vector<std::string>& san_dns, const std::vector<std::string>& san_ip,
                                      const std::string& common_name, const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (const auto target = ip_address(name)) {
    return std::any_of(san_ip.begin(), san_ip.end(), [&](const std::string& ip) {
      const auto address = ip_address(ip);
      return address && *address == *target;
    });
  }
  if (!san_dns.empty())
    return std::any_of(san_dns.begin(), san_dns.end(),
                       [&](const std::string& pattern) { return dns_name_matches(pattern, name); });
  return !common_name.empty() && dns_name_matches(common_name, name);
}

}  // namespace tlsprobe::schannel
