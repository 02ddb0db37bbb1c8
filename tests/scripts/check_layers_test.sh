#!/bin/sh
# scripts/check-layers on copies of prober/ that break the picture in one way each: every
# break must be caught, by file and line, and the untouched copy must pass.
set -eu
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fresh() {
  rm -rf "$work/tree" && mkdir -p "$work/tree"
  cp -r "$src/prober" "$work/tree/prober"
}

expect_fail() {  # what pattern
  if "$src/scripts/check-layers" "$work/tree" > "$work/out" 2>&1; then
    echo "FAIL: $1 passed the check"; cat "$work/out"; exit 1
  fi
  if ! grep -qE "$2" "$work/out"; then
    echo "FAIL: $1: no line matching '$2'"; cat "$work/out"; exit 1
  fi
  echo "ok: $1"
}

fresh
"$src/scripts/check-layers" "$work/tree" > "$work/out" || { echo "FAIL: the copy itself"; cat "$work/out"; exit 1; }
echo "ok: untouched copy passes"

fresh
sed -i '0,/^#include "/s//#include "render\/table.hpp"\n#include "/' "$work/tree/prober/core/outcome.hpp"
expect_fail "core including render" '^prober/core/outcome.hpp:[0-9]+: layer core includes render/table.hpp of layer render'

fresh
printf '#include "cli/options.hpp"\n' >> "$work/tree/prober/engine/engine.cpp"
expect_fail "engine including cli" '^prober/engine/engine.cpp:[0-9]+: layer engine includes cli/options.hpp'

fresh
printf '#include "backends/openssl/openssl_backend.hpp"\n' >> "$work/tree/prober/backends/raw/raw_backend.cpp"
expect_fail "one backend including another" 'layer backend_raw includes backends/openssl/openssl_backend.hpp of layer backend_openssl'

fresh
printf '#include <nlohmann/json.hpp>\n' >> "$work/tree/prober/engine/engine.cpp"
expect_fail "a library the layer does not link" 'layer engine includes <nlohmann/json.hpp> but links no nlohmann_json'

fresh
mkdir -p "$work/tree/prober/stray" && printf 'int stray;\n' > "$work/tree/prober/stray/stray.cpp"
expect_fail "a file in no layer" '^prober/stray/stray.cpp: belongs to no layer'

fresh
sed -i 's/^tlsprobe_layer(core DIRS core /tlsprobe_layer(core DIRS core USES engine /' "$work/tree/prober/CMakeLists.txt"
expect_fail "a cycle" 'layers form a cycle: core -> engine'
