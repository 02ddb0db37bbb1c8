#include "cli/resolve_option.hpp"

#include "core/errors.hpp"
#include "core/target.hpp"

namespace tlsprobe {

ResolveEntry parse_resolve(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return UsageError("bad --resolve '" + text + "': " + why + " (write host:port:address[,address...])");
  };
  const auto first = text.find(':');
  const auto second = first == std::string::npos ? std::string::npos : text.find(':', first + 1);
  if (second == std::string::npos) throw bad("missing ':'");
  ResolveEntry entry;
  try {
    const auto target = parse_target(text.substr(0, second));
    if (is_ip_literal(target.host)) throw bad("the name must be a host name");
    entry.host = target.host;
    entry.port = target.port;
  } catch (const UsageError& e) {
    if (std::string(e.what()).starts_with("bad --resolve")) throw;
    throw bad(e.what());
  }
  std::string list = text.substr(second + 1) + ",";
  std::string item;
  for (char c : list) {
    if (c != ',') {
      item += c;
      continue;
    }
    if (item.size() > 2 && item.front() == '[' && item.back() == ']') item = item.substr(1, item.size() - 2);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(item, ec);
    if (ec) throw bad("'" + item + "' is not an IP address");
    entry.addresses.push_back(address);
    item.clear();
  }
  return entry;
}

}  // namespace tlsprobe
