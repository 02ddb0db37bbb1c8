#!/usr/bin/env bash
# fix_roundtrip.sh TLSPROBE DIR: the fix file written for blocked.reg, imported over it (the
# second --file), leaves nothing that blocks TLS 1.2; the file is UTF-16LE with a BOM.
set -u
tlsprobe=$1 dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }

"$tlsprobe" registry --file "$dir/blocked.reg" --fix-file "$work/fix.reg" --format json >"$work/before.json" 2>"$work/err"
[[ $? == 1 ]] || fail "blocked.reg should exit 1"
grep -q "wrote $work/fix.reg: 7 values in 4 keys" "$work/err" || fail "no 'wrote' line: $(cat "$work/err")"
[[ $(head -c 2 "$work/fix.reg" | od -An -tx1 | tr -d ' ') == fffe ]] || fail "fix file does not start with a UTF-16LE BOM"

"$tlsprobe" registry --file "$dir/blocked.reg" --file "$work/fix.reg" --format json >"$work/after.json"
code=$?
[[ $code == 0 ]] || fail "after the fix: exit $code; $(cat "$work/after.json")"
grep -q '"findings": \[\]' "$work/after.json" || fail "findings left after the fix: $(cat "$work/after.json")"

# The fix file alone is a valid export for our reader, and needs no fix of its own for SChannel.
"$tlsprobe" registry --file "$work/fix.reg" --format table >"$work/alone.txt"
grep -q "TLS 1.2         enabled" "$work/alone.txt" || fail "fix file alone: $(cat "$work/alone.txt")"
echo "ok: fix file round trip"
