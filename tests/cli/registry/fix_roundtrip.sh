#!/usr/bin/env bash
# fix_roundtrip.sh TLSPROBE DIR: the fix file written for blocked.reg, imported over it (the
# second --file), leaves nothing that blocks TLS 1.2; the file is UTF-16LE with a BOM. Then the
# cipher side: cipher_policy.reg (Server 2019, an order policy without the GCM suites Azure
# front doors take, AES 256 switched off) is fixed by its own file with nothing left.
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
# Left: only what no registry line can do on 2012 R2 (it has no ECDHE_RSA AES-GCM suite).
ids=$(grep -o '"id": "[^"]*"' "$work/after.json" | tr '\n' ' ')
[[ $ids == '"id": "ciphers.tls1_2.no_front_door_suite" ' ]] || fail "findings left after the fix: $ids"

# The fix file alone is a valid export for our reader, and needs no fix of its own for SChannel.
"$tlsprobe" registry --file "$work/fix.reg" --format table >"$work/alone.txt"
grep -q "TLS 1.2         enabled" "$work/alone.txt" || fail "fix file alone: $(cat "$work/alone.txt")"

"$tlsprobe" registry --file "$dir/cipher_policy.reg" --fix-file "$work/cipher_fix.reg" --format json >"$work/c_before.json" 2>"$work/err"
[[ $? == 0 ]] || fail "cipher_policy.reg: a warning only, exit 0 expected"
grep -q '"front_door_tls1_2_2023": false' "$work/c_before.json" || fail "cipher_policy.reg: $(cat "$work/c_before.json")"
grep -q "wrote $work/cipher_fix.reg: 2 values in 2 keys" "$work/err" || fail "cipher fix: $(cat "$work/err")"
"$tlsprobe" registry --file "$dir/cipher_policy.reg" --file "$work/cipher_fix.reg" --format json >"$work/c_after.json"
grep -q '"findings": \[\]' "$work/c_after.json" || fail "cipher findings left after the fix: $(cat "$work/c_after.json")"
grep -q '"front_door_tls1_2_2023": true' "$work/c_after.json" || fail "cipher fix: $(cat "$work/c_after.json")"
# Only adding: every suite of the old policy line is still in the new one, in the same order.
old="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA"
iconv -f UTF-16LE -t UTF-8 "$work/cipher_fix.reg" | tr -d '\r' | grep -q "^\"Functions\"=\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,$old\"\$" ||
  fail "policy line: $(iconv -f UTF-16LE -t UTF-8 "$work/cipher_fix.reg")"
echo "ok: fix file round trip"
