#pragma once
// Which backends this build has, and making them by name.
#include <memory>
#include <string>
#include <vector>

#include "backends/backend.hpp"

namespace tlsprobe {

// In the order they run and print; also the default --backend list.
std::vector<std::string> built_backends();

// "openssl, raw" -> {"openssl", "raw"}; throws UsageError when it names nothing.
std::vector<std::string> split_backend_list(const std::string& text);

// Throws UsageError for a name this build does not have, saying which it has.
std::unique_ptr<Backend> make_backend(const std::string& name, const BackendConfig& config);

}  // namespace tlsprobe
