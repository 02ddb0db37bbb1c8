#include "support/net.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace tlsprobe::test {
namespace {

struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

// Fills `storage` for a numeric loopback address; returns the length or 0.
socklen_t make_address(const std::string& host, std::uint16_t port, sockaddr_storage& storage) {
  std::memset(&storage, 0, sizeof storage);
  if (host.find(':') != std::string::npos) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&storage);
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(port);
    if (inet_pton(AF_INET6, host.c_str(), &a6->sin6_addr) != 1) return 0;
    return sizeof(sockaddr_in6);
  }
  auto* a4 = reinterpret_cast<sockaddr_in*>(&storage);
  a4->sin_family = AF_INET;
  a4->sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &a4->sin_addr) != 1) return 0;
  return sizeof(sockaddr_in);
}

}  // namespace

std::uint16_t free_port(const std::string& host) {
  sockaddr_storage storage{};
  const socklen_t len = make_address(host, 0, storage);
  if (len == 0) throw std::invalid_argument("free_port: not a numeric address: " + host);
  Fd s(::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.fd < 0) throw std::runtime_error("free_port: socket() failed");
  if (::bind(s.fd, reinterpret_cast<sockaddr*>(&storage), len) != 0)
    throw std::runtime_error("free_port: cannot bind " + host + ": " + std::strerror(errno));
  socklen_t got = sizeof storage;
  if (::getsockname(s.fd, reinterpret_cast<sockaddr*>(&storage), &got) != 0)
    throw std::runtime_error("free_port: getsockname failed");
  if (storage.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
}

bool port_accepts(const std::string& host, std::uint16_t port) {
  sockaddr_storage storage{};
  const socklen_t len = make_address(host, port, storage);
  if (len == 0) return false;
  Fd s(::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.fd < 0) return false;
  // Linux bounds a blocking connect by SO_SNDTIMEO; loopback answers at once anyway.
  timeval tv{1, 0};
  ::setsockopt(s.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return ::connect(s.fd, reinterpret_cast<sockaddr*>(&storage), len) == 0;
}

std::string exchange(const std::string& host, std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds timeout) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  sockaddr_storage storage{};
  const socklen_t len = make_address(host, port, storage);
  if (len == 0) throw std::invalid_argument("exchange: not a numeric address: " + host);
  Fd s(::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.fd < 0 || ::connect(s.fd, reinterpret_cast<sockaddr*>(&storage), len) != 0)
    throw std::runtime_error("exchange: cannot connect to " + host + ":" + std::to_string(port));
  for (std::size_t sent = 0; sent < bytes.size();) {
    const auto n = ::send(s.fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return {};
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(s.fd, SHUT_WR);
  std::string received;
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd p{s.fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    const auto n = ::recv(s.fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  return received;
}

bool can_bind_ipv6_loopback() {
  try {
    return free_port("::1") != 0;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace tlsprobe::test
