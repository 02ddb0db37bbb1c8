#include "core/duration.hpp"

#include <doctest/doctest.h>

#include "core/errors.hpp"

using namespace tlsprobe;
using std::chrono::milliseconds;

TEST_CASE("durations: units and bare seconds") {
  CHECK(parse_duration("500ms") == milliseconds(500));
  CHECK(parse_duration("2s") == milliseconds(2000));
  CHECK(parse_duration("1m") == milliseconds(60000));
  CHECK(parse_duration("3") == milliseconds(3000));
  CHECK(parse_duration("1.5s") == milliseconds(1500));
  CHECK(parse_duration("0.25") == milliseconds(250));
}

TEST_CASE("durations: bad input names the value and the fix") {
  CHECK_THROWS_WITH_AS(parse_duration("fast"), "bad duration 'fast': no number (write 500ms, 2s, 1m or a number of seconds)",
                       UsageError);
  CHECK_THROWS_WITH_AS(parse_duration("5h"), "bad duration '5h': unknown unit (write 500ms, 2s, 1m or a number of seconds)",
                       UsageError);
  CHECK_THROWS_AS(parse_duration("0"), UsageError);
  CHECK_THROWS_AS(parse_duration("2hours"), UsageError);
  CHECK_THROWS_AS(parse_duration("1.2.3s"), UsageError);
  CHECK_THROWS_AS(parse_duration("-1s"), UsageError);
  CHECK_THROWS_AS(parse_duration("2m30s"), UsageError);
}
