#include "backends/registry.hpp"

#include "backends/openssl/openssl_backend.hpp"
#include "backends/raw/raw_backend.hpp"
#include "core/errors.hpp"

namespace tlsprobe {

std::vector<std::string> built_backends() { return {"openssl", "raw"}; }

std::unique_ptr<Backend> make_backend(const std::string& name, const BackendConfig& config) {
  if (name == "openssl") return std::make_unique<OpenSslBackend>(config);
  if (name == "raw") return std::make_unique<RawBackend>(config);
  std::string known;
  for (const auto& b : built_backends()) known += (known.empty() ? "" : ", ") + b;
  if (name == "schannel") throw UsageError("backend 'schannel' exists only in the Windows build (this build has: " + known + ")");
  throw UsageError("unknown backend '" + name + "' (this build has: " + known + ")");
}

}  // namespace tlsprobe
