#pragma once
// The test programs' main: the suites talk to servers on loopback, and a proxy from the
// developer's or CI's environment (HTTPS_PROXY, NO_PROXY ...) must not change what they see.
#include <cstdlib>

namespace tlsprobe::test {

inline void clear_proxy_environment() {
  for (const char* name : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
                           "NO_PROXY", "no_proxy"})
#ifdef _WIN32
    _putenv_s(name, "");  // an empty value removes the variable (MSVCRT)
#else
    ::unsetenv(name);
#endif
}

}  // namespace tlsprobe::test
