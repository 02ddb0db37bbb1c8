#pragma once
// What the server's plaintext records said, read from the same bytes we hand to SChannel.
//
// SChannel folds the server's alerts into a few SECURITY_STATUS codes on Windows and into
// SEC_E_INTERNAL_ERROR under Wine; the records themselves still carry the alert number and
// the ServerHello's version until the server switches to encrypted records.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wire/reply_parser.hpp"

namespace tlsprobe::schannel {

class RecordWatch {
 public:
  // Every byte received, in order, as it arrives.
  void add(std::span<const std::uint8_t> bytes);

  std::size_t received() const { return received_; }
  // The ServerHello, once one has arrived whole.
  const std::optional<wire::ServerHello>& server_hello() const { return server_hello_; }
  // The first fatal alert (or close_notify) in a plaintext record.
  const std::optional<wire::Alert>& alert() const { return alert_; }
  // Set when the reply is not TLS at all (HTTP, SSL 2.0, garbage): the wire parser's words;
  // or when a handshake message declares a length no server sends (see record_watch.cpp).
  std::optional<std::string> not_tls() const;
  // A plaintext handshake message declared a length no server sends (not_tls() says which).
  bool oversized() const { return oversized_; }

 private:
  void walk_records();
  void walk_handshake(const std::uint8_t* body, std::size_t length);

  std::vector<std::uint8_t> bytes_;  // at most wire::max_reply_bytes are kept
  std::size_t received_ = 0;
  std::size_t walked_ = 0;       // offset of the next record header to read
  bool encrypted_ = false;       // the server's ChangeCipherSpec or application data came
  bool reply_decided_ = false;   // the wire parser has given its verdict on the first answer
  // Plaintext handshake messages across records: the header being read, and what is left of
  // the message it declared.
  std::vector<std::uint8_t> message_header_;
  std::size_t message_left_ = 0;
  bool oversized_ = false;
  std::optional<wire::ServerHello> server_hello_;
  std::optional<wire::Alert> alert_;
  bool reply_not_tls_ = false;          // the wire parser's verdict on the first answer
  std::optional<std::string> not_tls_;  // why, once decided (oversized: the declared length)
};

}  // namespace tlsprobe::schannel
