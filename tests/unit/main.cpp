// A proxy in the environment must not reach the tests: see support/clean_environment.hpp.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/clean_environment.hpp"

int main(int argc, char** argv) {
  tlsprobe::test::clear_proxy_environment();
  return doctest::Context(argc, argv).run();
}
