#pragma once
// --pcap: the bytes of one attempt in both directions, as the socket carried them, with the
// real addresses and ports, so a network team can open the attempt in Wireshark.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tlsprobe {

struct WireSegment {
  bool from_client = true;
  std::chrono::system_clock::time_point at;
  std::vector<std::uint8_t> bytes;
};

struct WireCapture {
  std::string client_address;  // this machine's end of the connection
  std::uint16_t client_port = 0;
  std::string server_address;  // the server's (through a proxy: the proxy's, after CONNECT)
  std::uint16_t server_port = 0;
  std::vector<WireSegment> segments;  // in the order they were read or written

  void add(bool from_client, const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    segments.push_back(WireSegment{from_client, std::chrono::system_clock::now(), {data, data + size}});
  }
};

}  // namespace tlsprobe
