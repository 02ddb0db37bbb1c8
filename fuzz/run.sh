#!/bin/sh
# Builds the libFuzzer targets with clang into their own build directory and fuzzes each of
# them in turn for a bounded time: the raw backend's reply parser, then the .reg reader.
# Exits non-zero on a crash, a leak or a broken contract in either.
#   FUZZ_SECONDS   how long to fuzz each target (default 60)
#   FUZZ_BUILD_DIR where to build (default <repo>/build-fuzz)
#   FUZZ_JOBS      parallel build jobs (default 2)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=${FUZZ_SECONDS:-60}

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target reply_parser_fuzz reg_reader_fuzz -j "${FUZZ_JOBS:-2}"

# fuzz NAME MAX_LEN: new inputs go to the first (scratch) directory; the checked-in seeds in
# fuzz/corpus/NAME stay untouched.
fuzz() {
  work="$build/corpus/$1"
  mkdir -p "$work" "$build/artifacts/$1"
  "$build/${1}_fuzz" \
    -max_total_time="$seconds" \
    -max_len="$2" \
    -timeout=10 \
    -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$1/" \
    "$work" "$here/corpus/$1"
}

fuzz reply_parser 4096
# A .reg line is short but an export is many lines: long enough for several keys in UTF-16.
fuzz reg_reader 16384
