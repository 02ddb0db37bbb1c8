#include "backends/registry.hpp"

#ifdef _WIN32
#include "backends/schannel/schannel_backend.hpp"
#else
#include "backends/openssl/openssl_backend.hpp"
#endif
#include "backends/raw/raw_backend.hpp"
#include "core/errors.hpp"

namespace tlsprobe {

#ifdef _WIN32
// Debian has no OpenSSL for MinGW: the Windows build has the native stack and the raw one.
std::vector<std::string> built_backends() { return {"schannel", "raw"}; }
#else
std::vector<std::string> built_backends() { return {"openssl", "raw"}; }
#endif

std::vector<std::string> split_backend_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (out.empty()) throw UsageError("--backend names no backend");
  return out;
}

std::unique_ptr<Backend> make_backend(const std::string& name, const BackendConfig& config) {
#ifdef _WIN32
  if (name == "schannel") return std::make_unique<SchannelBackend>(config);
#else
  if (name == "openssl") return std::make_unique<OpenSslBackend>(config);
#endif
  if (name == "raw") return std::make_unique<RawBackend>(config);
  std::string known;
  for (const auto& b : built_backends()) known += (known.empty() ? "" : ", ") + b;
  if (name == "schannel") throw UsageError("backend 'schannel' exists only in the Windows build (this build has: " + known + ")");
  throw UsageError("unknown backend '" + name + "' (this build has: " + known + ")");
}

}  // namespace tlsprobe
