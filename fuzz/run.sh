#!/bin/sh
# Builds the libFuzzer targets with clang into their own build directory and fuzzes the reply
# parser for a bounded time. Exits non-zero on a crash, a leak or a broken contract.
#   FUZZ_SECONDS   how long to fuzz (default 60)
#   FUZZ_BUILD_DIR where to build (default <repo>/build-fuzz)
#   FUZZ_JOBS      parallel build jobs (default 2)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=${FUZZ_SECONDS:-60}

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target reply_parser_fuzz -j "${FUZZ_JOBS:-2}"

# New inputs go to the first (scratch) directory; the checked-in seeds stay untouched.
work="$build/corpus/reply_parser"
mkdir -p "$work" "$build/artifacts"
exec "$build/reply_parser_fuzz" \
  -max_total_time="$seconds" \
  -max_len=4096 \
  -timeout=10 \
  -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" \
  "$work" "$here/corpus/reply_parser"
