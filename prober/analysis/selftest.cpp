#include "analysis/selftest.hpp"

#include <algorithm>
#include <memory>

#include "backends/registry.hpp"

namespace tlsprobe {

selftest::Result run_selftest(const std::vector<std::string>& backends) {
  std::vector<std::unique_ptr<Backend>> owned;
  std::vector<Backend*> pointers;
  for (const auto& name : backends.empty() ? built_backends() : backends) {
    owned.push_back(make_backend(name, BackendConfig{}));
    pointers.push_back(owned.back().get());
  }
  return selftest::run(pointers);
}

bool every_backend_speaks(const selftest::Result& result, Version v) {
  return std::all_of(result.cells.begin(), result.cells.end(),
                     [&](const selftest::Cell& c) { return result.speaks(c.backend, v); });
}

}  // namespace tlsprobe
