#include "catalog/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/errors.hpp"

namespace tlsprobe::catalog_detail {

std::string read_text_file(const std::string& path, std::string_view what) {
  const auto cannot = [&](int err) {
    return UsageError("cannot read " + std::string(what) + " " + path + ": " + std::strerror(err));
  };
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw cannot(errno != 0 ? errno : ENOENT);
  std::string text;
  char buffer[8192];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  // fopen succeeds on a directory on Linux; the read is what fails (EISDIR).
  if (std::ferror(file.get())) throw cannot(errno != 0 ? errno : EIO);
  const bool utf16 = text.size() >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') ||
                                          (text[0] == '\xfe' && text[1] == '\xff'));
  if (utf16)
    throw UsageError(path + ": the file is UTF-16; save it as UTF-8 (in Windows PowerShell use "
                            "Out-File -Encoding utf8 or Set-Content instead of '>')");
  return text;
}

}  // namespace tlsprobe::catalog_detail
