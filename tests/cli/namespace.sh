#!/usr/bin/env bash
# In a network and mount namespace of its own (root, unshare): a machine without IPv6, as
# most Windows servers that run the MARS agent are, and a name with an A and an AAAA record.
#  1. by default only the families this machine has are probed (AI_ADDRCONFIG): no ::1 row;
#  2. --addresses all-families probes ::1 too, and its failure (EADDRNOTAVAIL, 10049: no IPv6
#     here) is this machine's (class local), a connectivity note, never a TLS verdict.
# Exits 77 (skipped) where namespaces cannot be made.
set -euo pipefail
tlsprobe=$1 source_dir=$2
if [[ ${TLSPROBE_IN_NAMESPACE:-} != 1 ]]; then
  if ! unshare --net --mount true 2>/dev/null; then
    echo "SKIP: cannot create network namespaces here (needs root and unshare)"
    exit 77
  fi
  exec env TLSPROBE_IN_NAMESPACE=1 unshare --net --mount "$0" "$@"
fi
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# Loopback only, and no IPv6 at all. glibc's AI_ADDRCONFIG does not count 127.0.0.1 itself as
# "this machine has IPv4", so a second loopback address stands for the machine's IPv4 one.
ip link set lo up
ip addr add 127.0.0.2/32 dev lo
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.lo.disable_ipv6=1
printf '127.0.0.1 dual.test\n::1 dual.test\n' >"$work/hosts"
mount --bind "$work/hosts" /etc/hosts

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
port=$(free_port)
openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -tls1_2 -www -quiet \
  >/dev/null 2>&1 </dev/null &
pids+=($!)
wait_port 127.0.0.1 "$port"

"$tlsprobe" probe "dual.test:$port" --sni localhost --versions tls1.0,tls1.2 --format json >"$work/default.json"
"$tlsprobe" probe "dual.test:$port" --sni localhost --versions tls1.0,tls1.2 --format json \
  --addresses all-families >"$work/every.json"
$py - "$work/default.json" "$work/every.json" "$source_dir/schema/report.schema.json" <<'PY' || fail "see above"
import json, sys, jsonschema
default, every = (json.load(open(p)) for p in sys.argv[1:3])
schema = json.load(open(sys.argv[3]))
for doc in (default, every):
    jsonschema.validate(doc, schema)
    verdicts = {v["version"]: (v["cause"], v["expected"]) for v in doc["verdicts"]}
    assert verdicts == {"tls1.0": ("server", True), "tls1.2": ("works", False)}, verdicts
assert {r["address"] for r in default["results"]} == {"127.0.0.1"}, default["results"]
assert default["unreachable_addresses"] == [], default["unreachable_addresses"]
assert {r["address"] for r in every["results"]} == {"127.0.0.1", "::1"}
for r in every["results"]:
    if r["address"] == "::1":
        e = r["error"]
        assert (r["status"], e["class"], e["phase"], e["errno"], e["winsock"]) == \
            ("unreachable", "local", "connect", 99, 10049), r
notes = every["unreachable_addresses"]
assert [(n["address"], n["class"]) for n in notes] == [("::1", "local")], notes
print("namespace: AI_ADDRCONFIG and the local EADDRNOTAVAIL: ok")
PY
