#!/usr/bin/env bash
# Verdicts end to end on loopback, as issue-level scenarios:
#  1. a registry export disabling the TLS 1.2 client + a server accepting TLS 1.2 -> local, with the fix;
#  2. a server that resets old hellos -> TLS 1.0/1.1 refused by the server (deprecation, expected), TLS 1.2 works;
#  3. a name with two addresses, one of which resets -> path;
#  4. a name with two addresses, nothing listening on one -> a connectivity note, the other's verdicts.
set -euo pipefail
tlsprobe=$1 source_dir=$2
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
serve_tls12() {  # host port
  openssl s_server -accept "$1:$2" -cert "$work/cert.pem" -key "$work/key.pem" -tls1_2 -www -quiet \
    >/dev/null 2>&1 </dev/null &
  pids+=($!)
  wait_port "$1" "$2"
}
scripted() {  # mode host port [args]
  local mode=$1 host=$2 port=$3
  shift 3
  $py "$source_dir/tests/servers/scripted_server.py" --mode "$mode" --host "$host" --port "$port" \
    --lifetime 120 "$@" >/dev/null 2>&1 &
  pids+=($!)
  wait_port "$host" "$port"
}
verdict() {  # json endpoint version -> "cause expected"
  $py - "$1" "$2" "$3" "$source_dir/schema/report.schema.json" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1]))
jsonschema.validate(doc, json.load(open(sys.argv[4])))
v = [v for v in doc["verdicts"] if v["endpoint"] == sys.argv[2] and v["version"] == sys.argv[3]]
assert len(v) == 1, v
print(v[0]["cause"], str(v[0]["expected"]).lower())
PY
}

# 1. local: the server accepts TLS 1.2, this machine's registry keeps SChannel from offering it.
p1=$(free_port)
serve_tls12 127.0.0.1 "$p1"
"$tlsprobe" probe "127.0.0.1:$p1" --registry "$source_dir/tests/cli/registry/blocked.reg" --format json \
  >"$work/local.json" || true
[[ $(verdict "$work/local.json" "127.0.0.1:$p1" tls1.2) == "local false" ]] || fail "registry-blocked TLS 1.2 is not local"
$py - "$work/local.json" <<'PY' || fail "local verdict lacks its evidence or fix"
import json, sys
doc = json.load(open(sys.argv[1]))
v = next(v for v in doc["verdicts"] if v["version"] == "tls1.2")
assert "schannel.tls1_2.client.disabled" in v["summary"], v["summary"]
assert '"Enabled"=dword:00000001' in v["fix"], v["fix"]
assert any(f["id"] == "schannel.tls1_2.client.disabled" for f in doc["registry_findings"])
PY
table=$("$tlsprobe" probe "127.0.0.1:$p1" --registry "$source_dir/tests/cli/registry/blocked.reg" --format table \
  --versions tls1.2 || true)
grep -q "TLS 1.2 blocked on this machine" <<<"$table" || fail "table verdict: $table"

# 2. server: old hellos reset in front of a TLS 1.2 server (deprecation in effect); TLS 1.2 healthy.
upstream=$(free_port)
serve_tls12 127.0.0.1 "$upstream"
p2=$(free_port)
scripted reset_old 127.0.0.1 "$p2" --upstream "$upstream"
"$tlsprobe" probe "127.0.0.1:$p2" --format json --versions tls1.0,tls1.1,tls1.2 >"$work/server.json"
for v in tls1.0 tls1.1; do
  [[ $(verdict "$work/server.json" "127.0.0.1:$p2" $v) == "server true" ]] || fail "$v through reset_old is not the server's deprecation"
done
[[ $(verdict "$work/server.json" "127.0.0.1:$p2" tls1.2) == "works false" ]] || fail "TLS 1.2 through reset_old does not work"

# 3. path: one name, two addresses on the same port; 127.0.0.1 serves TLS 1.2, 127.0.0.2 resets.
p3=$(free_port)
serve_tls12 127.0.0.1 "$p3"
scripted reset 127.0.0.2 "$p3"
"$tlsprobe" probe "vault.test:$p3" --resolve "vault.test:$p3:127.0.0.1,127.0.0.2" --sni localhost \
  --format json --versions tls1.2 >"$work/path.json"
[[ $(verdict "$work/path.json" "vault.test:$p3" tls1.2) == "path false" ]] || fail "reset on one of two addresses is not path"
$py - "$work/path.json" <<'PY' || fail "path verdict does not name the resetting address"
import json, sys
doc = json.load(open(sys.argv[1]))
assert sorted({r["address"] for r in doc["results"]}) == ["127.0.0.1", "127.0.0.2"]
v = doc["verdicts"][0]
assert v["summary"].endswith("refused at 127.0.0.2"), v["summary"]
PY
# 4. one unreachable address: 127.0.0.1 serves TLS 1.2 only, nothing listens on 127.0.0.2. The
#    dead address is a connectivity note; the verdicts are those of the address that answers
#    (before: "TLS 1.2 and TLS 1.3 failing on the path", no "deprecation in effect").
p4=$(free_port)
serve_tls12 127.0.0.1 "$p4"
"$tlsprobe" probe "dual.test:$p4" --resolve "dual.test:$p4:127.0.0.1,127.0.0.2" --sni localhost \
  --format json --versions tls1.0,tls1.2 >"$work/dead.json"
[[ $(verdict "$work/dead.json" "dual.test:$p4" tls1.2) == "works false" ]] || fail "TLS 1.2 with one dead address does not work"
[[ $(verdict "$work/dead.json" "dual.test:$p4" tls1.0) == "server true" ]] || fail "TLS 1.0 with one dead address is not the deprecation"
$py - "$work/dead.json" <<'PY' || fail "the dead address is not listed as unreachable"
import json, sys
doc = json.load(open(sys.argv[1]))
notes = doc["unreachable_addresses"]
assert [(n["address"], n["class"], n["errno"], n["winsock"]) for n in notes] == [("127.0.0.2", "refused", 111, 10061)], notes
assert all(v["unreachable_addresses"] == ["127.0.0.2"] for v in doc["verdicts"]), doc["verdicts"]
PY
table=$("$tlsprobe" probe "dual.test:$p4" --resolve "dual.test:$p4:127.0.0.1,127.0.0.2" --sni localhost \
  --format table --ascii --versions tls1.0,tls1.2)
grep -q "127.0.0.2: unreachable for every version (refused 10061 in connect)" <<<"$table" || fail "table: $table"
grep -q "TLS 1.2 accepted" <<<"$table" || fail "table verdict: $table"
echo "diagnosis verdicts: ok"
