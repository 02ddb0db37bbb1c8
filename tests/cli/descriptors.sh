#!/usr/bin/env bash
# descriptors.sh TLSPROBE SOURCE_DIR: under `ulimit -n 256`, --concurrency 1000 is lowered to
# what the descriptors allow, with a note, and 300 attempts against a server that holds every
# connection open all end as timeouts: none fails for want of a descriptor (EMFILE, errno 24).
set -euo pipefail
tlsprobe=$1 source_dir=$2
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
port=$(free_port)
$py "$source_dir/tests/servers/scripted_server.py" --mode silent --host 127.0.0.1 --port "$port" \
  --lifetime 60 >/dev/null 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$port"
# 30 names for one address (--resolve), each a row of 10 attempts: 300 at once if allowed.
args=()
for i in $(seq 30); do args+=("h$i.test:$port" --resolve "h$i.test:$port:127.0.0.1"); done
(
  ulimit -n 256
  "$tlsprobe" probe "${args[@]}" --backend openssl,raw --concurrency 1000 --per-host 1000 \
    --timeout 1s --connect-timeout 1s --format json >"$work/out.json" 2>"$work/err"
) || true
grep -q -- "--concurrency 1000 needs more than the 256 file descriptors this process may open: 192 at once" "$work/err" ||
  fail "no clamp note: $(cat "$work/err")"
$py - "$work/out.json" <<'PY' || fail "attempts failed for want of a descriptor"
import json, sys
results = json.load(open(sys.argv[1]))["results"]
tried = [r for r in results if r["status"] != "unsupported"]
bad = [r for r in tried if (r.get("error") or {}).get("errno") == 24 or (r.get("error") or {}).get("class") != "timeout"]
print(f"{len(results)} cells, {len(tried)} tried, {len(bad)} not timeouts")
if len(results) != 300 or len(tried) < 270 or bad:
    print(bad[:3])
    sys.exit(1)
PY
echo "ok: --concurrency lowered to the descriptor limit, every attempt a timeout"
