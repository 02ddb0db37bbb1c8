// The integration tests start real TLS servers on loopback; see tests/servers/README.md.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
