#!/bin/sh
# Builds the libFuzzer targets with clang into their own build directory and fuzzes each of
# them in turn for a bounded time: the raw backend's reply parser, the .reg reader, the
# SChannel backend's record watch, the --http-check header reader, the proxy's CONNECT answer,
# the proxy URL and NO_PROXY readers, the catalog and targets-file readers, the CN reader
# of the certificate findings, and the ClientHello reader with its fingerprints. Every target runs even when an earlier one failed; the script
# exits non-zero when any of them found a crash, a leak, a sanitizer report or a broken
# contract, and names them. Crashing inputs land in <build>/artifacts/<target>/.
#   FUZZ_SECONDS   how long to fuzz each target (default 60)
#   FUZZ_BUILD_DIR where to build (default <repo>/build-fuzz)
#   FUZZ_JOBS      parallel build jobs (default 2)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=${FUZZ_SECONDS:-60}

# Keep in step with TLSPROBE_FUZZERS in fuzz/CMakeLists.txt.
targets="reply_parser reg_reader record_watch http_head connect_reply proxy_url catalog common_name client_hello"

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
binaries=
for name in $targets; do binaries="$binaries ${name}_fuzz"; done
# shellcheck disable=SC2086 # one word per target
cmake --build "$build" --target $binaries -j "${FUZZ_JOBS:-2}"

# fuzz NAME MAX_LEN: new inputs go to the first (scratch) directory; the checked-in seeds in
# fuzz/corpus/NAME stay untouched.
failed=
fuzz() {
  work="$build/corpus/$1"
  mkdir -p "$work" "$build/artifacts/$1"
  echo "== fuzzing $1 for ${seconds}s (inputs up to $2 bytes)"
  if ! "$build/${1}_fuzz" \
    -max_total_time="$seconds" \
    -max_len="$2" \
    -timeout=10 \
    -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$1/" \
    "$work" "$here/corpus/$1"; then
    failed="$failed $1"
  fi
}

# Past wire::max_reply_bytes (128 KiB), so that inputs beyond the parser's cut-off are tried;
# the target samples split points of long inputs to stay fast.
fuzz reply_parser 140000
# A .reg line is short but an export is many lines: long enough for several keys in UTF-16.
fuzz reg_reader 16384
# The watch keeps at most wire::max_reply_bytes: past it too.
fuzz record_watch 140000
# Past the 16 KiB header limit of both HTTP readers.
fuzz http_head 20000
fuzz connect_reply 20000
fuzz proxy_url 4096
# The embedded catalog is about 9 KiB.
fuzz catalog 16384
fuzz common_name 4096
# Past one record (16 KiB) so that hellos split over records are tried.
fuzz client_hello 20000

if [ -n "$failed" ]; then
  echo "fuzzing failed:$failed (inputs in $build/artifacts/)" >&2
  exit 1
fi
