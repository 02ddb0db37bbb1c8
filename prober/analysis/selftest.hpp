#pragma once
// The self-check as a front end asks for it: backends by name in, the capability matrix out.
#include <string>
#include <vector>

#include "core/version.hpp"
#include "selftest/selftest.hpp"

namespace tlsprobe {

// `backends` empty: every one this build has. Throws UsageError for a name it does not have.
selftest::Result run_selftest(const std::vector<std::string>& backends);

// Every backend the self-check tested can speak `v` on this machine. TLS 1.2 is what Azure
// Backup needs: a stack that cannot speak it on loopback never will against Azure.
bool every_backend_speaks(const selftest::Result& result, Version v);

}  // namespace tlsprobe
