#pragma once
// Big-endian cursors over wire bytes (RFC 8446 §3: network byte order, length-prefixed vectors).
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tlsprobe::wire {

// Reads never run past the end: each call says whether the bytes were there.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  bool u8(std::uint8_t& v) {
    if (left() < 1) return false;
    v = bytes_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& v) {
    if (left() < 2) return false;
    v = static_cast<std::uint16_t>(bytes_[pos_] << 8 | bytes_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u24(std::uint32_t& v) {
    if (left() < 3) return false;
    v = std::uint32_t{bytes_[pos_]} << 16 | std::uint32_t{bytes_[pos_ + 1]} << 8 | bytes_[pos_ + 2];
    pos_ += 3;
    return true;
  }
  bool take(std::size_t n, std::span<const std::uint8_t>& out) {
    if (left() < n) return false;
    out = bytes_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t left() const { return bytes_.size() - pos_; }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

// Appends; a length prefix is reserved first and filled in once its vector is complete.
class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
  }
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, std::uint8_t{0}); }

  // Reserve a `width`-byte length prefix; returns its position for close().
  std::size_t open(std::size_t width) {
    const std::size_t at = out_.size();
    out_.insert(out_.end(), width, std::uint8_t{0});
    return at;
  }
  // Write the length of everything after the prefix at `at` into that prefix.
  void close(std::size_t at, std::size_t width) {
    std::size_t length = out_.size() - at - width;
    for (std::size_t i = width; i-- > 0; length >>= 8) out_[at + i] = static_cast<std::uint8_t>(length & 0xFF);
  }

  std::size_t size() const { return out_.size(); }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

}  // namespace tlsprobe::wire
