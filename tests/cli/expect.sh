#!/usr/bin/env bash
# expect.sh CODE PATTERN -- COMMAND...: passes when COMMAND exits with CODE and its
# stdout+stderr match the extended regular expression PATTERN.
set -u
want=$1 pattern=$2
shift 3
out=$("$@" 2>&1)
got=$?
if [[ $got != "$want" ]]; then
  printf 'expected exit %s, got %s from: %s\n%s\n' "$want" "$got" "$*" "$out"
  exit 1
fi
if ! grep -Eq -- "$pattern" <<<"$out"; then
  printf 'output of %s does not match /%s/:\n%s\n' "$*" "$pattern" "$out"
  exit 1
fi
echo "ok: exit $got, /$pattern/"
