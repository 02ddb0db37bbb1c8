#!/usr/bin/env bash
# The CLI end to end against a real TLS 1.2-only server on 127.0.0.1: output formats,
# the JSON schema, and the policy exit codes.
set -euo pipefail
tlsprobe=$1 source_dir=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -tls1_2 -quiet \
  >/dev/null 2>&1 </dev/null &
server_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
target=127.0.0.1:$port
fail() { echo "FAIL: $*"; exit 1; }

# JSON validates against the published schema, with the cells we know.
"$tlsprobe" probe "$target" --format json --timeout 3s >"$work/out.json"
/usr/bin/python3 - "$work/out.json" "$source_dir/schema/report.schema.json" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1])); jsonschema.validate(doc, json.load(open(sys.argv[2])))
assert doc["backends"] == ["openssl", "raw"], doc["backends"]
cells = {r["version"]: r for r in doc["results"] if r["backend"] == "openssl"}
raw = {r["version"]: r for r in doc["results"] if r["backend"] == "raw"}
assert raw["tls1.2"]["status"] == "accepted" and raw["tls1.2"]["certificate"] is None
assert doc["disagreements"] == [], doc["disagreements"]
assert cells["tls1.2"]["status"] == "accepted", cells["tls1.2"]
assert cells["tls1.2"]["negotiated"] == "tls1.2"
assert cells["tls1.2"]["certificate"]["verified"] is False  # self-signed: reported, not fatal
for v in ("tls1.0", "tls1.1", "tls1.3"):
    assert cells[v]["status"] == "rejected" and cells[v]["error"]["alert"] == 70, cells[v]
assert cells["ssl3.0"]["status"] == "unsupported" and cells["ssl3.0"]["error"]["class"] == "local"
# Every hello that went out is in the JSON, read back; nothing for a version never sent.
assert cells["ssl3.0"]["client_hello"] is None
for r in list(cells.values()) + list(raw.values()):
    if r["version"] == "ssl3.0" and r["backend"] == "openssl":
        continue
    h = r["client_hello"]
    assert h and h["ja4"].startswith("t") and h["cipher_suites"], r
assert "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" in cells["tls1.2"]["client_hello"]["cipher_suites"]
assert cells["tls1.3"]["client_hello"]["supported_versions"] == ["tls1.3"]
print("json ok:", len(doc["results"]), "results")
PY

# --ciphers: the scan's section validates too, complete, with the suites s_server takes by default.
"$tlsprobe" probe "$target" --format json --versions tls1.2 --ciphers --timeout 3s >"$work/scan.json"
/usr/bin/python3 - "$work/scan.json" "$source_dir/schema/report.schema.json" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1])); jsonschema.validate(doc, json.load(open(sys.argv[2])))
(scan,) = doc["cipher_scans"]
assert scan["version"] == "tls1.2" and scan["complete"] and scan["stopped"] is None, scan
assert "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" in scan["accepted"], scan
assert 0 < len(scan["accepted"]) < scan["offered"], scan
print("scan ok:", len(scan["accepted"]), "of", scan["offered"], "suites accepted")
PY
grep -q cipher_scans "$work/out.json" && fail "cipher_scans without --ciphers"

# SSLKEYLOGFILE is honoured, as curl does: one CLIENT_RANDOM line for the TLS 1.2 session; a
# key log that cannot be written is bad input, said before anything goes on the wire.
SSLKEYLOGFILE="$work/keys.log" "$tlsprobe" probe "$target" --format json --versions tls1.2 --backend openssl >/dev/null
[[ $(grep -c '^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$' "$work/keys.log") == 1 ]] ||
  fail "no CLIENT_RANDOM line in the key log: $(cat "$work/keys.log")"
set +e
SSLKEYLOGFILE="$work/no/such/dir/keys.log" "$tlsprobe" probe "$target" --format json --versions tls1.2 >/dev/null 2>&1
code=$?
set -e
[[ $code == 2 ]] || fail "an unwritable SSLKEYLOGFILE exited $code, expected 2"

# CSV: a header and one row per attempt.
rows=$("$tlsprobe" probe "$target" --format csv --versions tls1.2,tls1.3 --backend openssl | wc -l)
[[ $rows == 3 ]] || fail "csv has $rows lines, expected 3"

# Table on a pipe: no colour escapes unless asked.
table=$("$tlsprobe" probe "$target" --format table --versions tls1.2)
grep -q $'\e\[' <<<"$table" && fail "colour on a pipe"
grep -q 'TLS 1.2' <<<"$table" || fail "table has no TLS 1.2 column"
grep -q 'ClientHellos sent' <<<"$table" && fail "hellos shown without --show-hello"

# --show-hello: each backend's hello per version, after the verdicts.
hellos=$("$tlsprobe" probe "$target" --format table --versions tls1.2 --show-hello)
grep -q '^ClientHellos sent (--show-hello):$' <<<"$hellos" || fail "no hello section: $hellos"
grep -Eq '^  openssl TLS 1\.2: [0-9]+ bytes, legacy 0x0303, [0-9]+ suites, JA4 t12i[0-9]{4}00_[0-9a-f]{12}_[0-9a-f]{12}, JA3 [0-9a-f]{32}$' \
  <<<"$hellos" || fail "no OpenSSL TLS 1.2 hello line: $hellos"
grep -q '^  raw TLS 1.2: ' <<<"$hellos" || fail "no raw TLS 1.2 hello line"

# Policy: exit 0 when it holds, 1 with the cell named when it does not.
"$tlsprobe" probe "$target" --format json --require tls1.2 --forbid ssl3.0,tls1.0,tls1.1 >/dev/null ||
  fail "policy that holds did not exit 0"
set +e
msg=$("$tlsprobe" probe "$target" --format json --forbid tls1.2 2>&1 >/dev/null); code=$?
set -e
[[ $code == 1 ]] || fail "--forbid tls1.2 exited $code, expected 1"
grep -q "127.0.0.1" <<<"$msg" || fail "violation does not name the address: $msg"
set +e
"$tlsprobe" probe "$target" --format json --require tls1.0 >/dev/null 2>&1; code=$?
set -e
[[ $code == 1 ]] || fail "--require tls1.0 exited $code, expected 1"

# Cipher policy: s_server's default list has CBC suites at TLS 1.2 and no RC4 (Debian's
# OpenSSL has none); the rule turns the scan on by itself.
"$tlsprobe" probe "$target" --format json --versions tls1.2 --forbid-ciphers RC4,NULL,EXPORT >"$work/rc4.json" ||
  fail "--forbid-ciphers RC4,NULL,EXPORT did not exit 0"
grep -q '"cipher_scans"' "$work/rc4.json" || fail "a cipher rule without its scan"
set +e
msg=$("$tlsprobe" probe "$target" --format json --versions tls1.2 --forbid-ciphers CBC 2>&1 >/dev/null); code=$?
set -e
[[ $code == 1 ]] || fail "--forbid-ciphers CBC exited $code, expected 1"
grep -q "forbids cipher suites it accepts at TLS 1.2: accepted TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" <<<"$msg" ||
  fail "the CBC violation is not named: $msg"

# SSL 3.0 seen by the raw backend only: tests/servers/scripted_server.py --mode ssl3 answers an
# SSL 3.0 hello with an SSL 3.0 first flight. Debian's OpenSSL cannot try it (unsupported), so
# the JSON lists the cell in `disagreements` and the table marks both backends' cells with " *".
ssl3_pid=
stop_ssl3() {
  if [[ -n $ssl3_pid ]]; then
    kill "$ssl3_pid" 2>/dev/null || true
    wait "$ssl3_pid" 2>/dev/null || true
  fi
}
trap 'stop_ssl3; cleanup' EXIT
ssl3_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 "$source_dir/tests/servers/scripted_server.py" --mode ssl3 --cert "$work/cert.pem" \
  --port "$ssl3_port" --lifetime 60 --idle 30 >"$work/ssl3.log" 2>&1 </dev/null &
ssl3_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$ssl3_port") 2>/dev/null && break
  sleep 0.1
done
"$tlsprobe" probe "127.0.0.1:$ssl3_port" --format json --versions ssl3.0 >"$work/ssl3.json" ||
  fail "probe of the SSL 3.0 responder exited $?: $(cat "$work/ssl3.log")"
/usr/bin/python3 - "$work/ssl3.json" "$source_dir/schema/report.schema.json" "$ssl3_port" <<'PY'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1])); jsonschema.validate(doc, json.load(open(sys.argv[2])))
want = [{"endpoint": "127.0.0.1:" + sys.argv[3], "address": "127.0.0.1", "version": "ssl3.0",
         "outcomes": {"openssl": "unsupported", "raw": "accepted"}}]
assert doc["disagreements"] == want, doc["disagreements"]
print("ssl3 json ok:", doc["disagreements"])
PY
table=$("$tlsprobe" probe "127.0.0.1:$ssl3_port" --format table --versions ssl3.0)
grep -Eq '^ +openssl .*unsupported \*$' <<<"$table" || fail "openssl SSL 3.0 cell not marked: $table"
grep -Eq '^ +raw .* \*$' <<<"$table" || fail "raw SSL 3.0 cell not marked: $table"
stop_ssl3
ssl3_pid=
echo "cli against a real server: ok"
