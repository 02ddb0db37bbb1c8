// Reading a .reg file from disk: the one part of the reader that touches the file system.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/errors.hpp"
#include "registry/reg_file.hpp"

namespace tlsprobe::registry {

RegDocument load_reg_file(const std::string& path) {
  const auto cannot = [&](int err) {
    return UsageError("cannot read registry export " + path + ": " + std::strerror(err));
  };
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw cannot(errno != 0 ? errno : ENOENT);
  // One byte past the limit is enough to know it is too large; parse_reg words the error.
  std::vector<std::uint8_t> bytes;
  std::uint8_t buffer[65536];
  while (bytes.size() <= max_file_bytes) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.insert(bytes.end(), buffer, buffer + n);
    if (n < sizeof buffer) break;
  }
  // fopen succeeds on a directory on Linux; the read is what fails (EISDIR).
  if (std::ferror(file.get())) throw cannot(errno != 0 ? errno : EIO);
  auto parsed = parse_reg(bytes);
  if (const auto* error = std::get_if<RegError>(&parsed)) throw UsageError(format_error(path, *error));
  return std::move(std::get<RegDocument>(parsed));
}

}  // namespace tlsprobe::registry
