#!/usr/bin/env bash
# --pcap read back by Wireshark's own dissectors (tshark): one TCP stream per attempt with its
# comment, every ClientHello decodes, and with SSLKEYLOGFILE the OpenSSL sessions decrypt down
# to the --http-check request, TLS 1.2 and TLS 1.3 alike.
set -euo pipefail
tlsprobe=$1
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
# One server per version: s_server serves one connection at a time and never answers HEAD, so
# each --http-check waits out its deadline; two servers wait side by side.
ports=()
for version in -tls1_2 -tls1_3; do
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -www -quiet "$version" \
    >/dev/null 2>&1 </dev/null &
  pids+=($!)
  ports+=("$port")
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
done
p12=${ports[0]} p13=${ports[1]}

SSLKEYLOGFILE="$work/keys.log" "$tlsprobe" probe "127.0.0.1:$p12" "127.0.0.1:$p13" --versions tls1.2,tls1.3 \
  --http-check --pcap "$work/run.pcapng" --format json --timeout 2s >"$work/run.json"

# tshark as root says so on stderr; its output is all we read.
fields() { tshark -r "$work/run.pcapng" -d "tcp.port==$p12,tls" -d "tcp.port==$p13,tls" "$@" -T fields 2>/dev/null; }

# Two servers, two backends, two versions: eight attempts, eight streams, each commented.
comments=$(fields -Y frame.comment -e tcp.stream -e frame.comment)
[[ $(wc -l <<<"$comments") == 8 ]] || fail "expected 8 commented streams: $comments"
for want in "openssl tls1.2 127.0.0.1:$p12: accepted" "openssl tls1.3 127.0.0.1:$p13: accepted" \
            "raw tls1.2 127.0.0.1:$p12: accepted" "raw tls1.3 127.0.0.1:$p13: accepted" \
            "openssl tls1.3 127.0.0.1:$p12: rejected" "raw tls1.2 127.0.0.1:$p13: rejected"; do
  grep -q "tlsprobe $want" <<<"$comments" || fail "no stream for $want: $comments"
done
streams=$(fields -e tcp.stream | sort -u | wc -l)
[[ $streams == 8 ]] || fail "$streams TCP streams, expected 8"
hellos=$(fields -Y 'tls.handshake.type == 1' -e tcp.stream | sort -u | wc -l)
[[ $hellos == 8 ]] || fail "ClientHellos decode in $hellos streams, expected 8"
# Wireshark's checksum checks, turned on, find every synthetic IP and TCP header right.
good=$(fields -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
  -Y 'tcp.checksum.status == 1 && ip.checksum.status == 1' -e frame.number | wc -w)
all=$(fields -e frame.number | wc -w)
[[ $good == "$all" && $all -gt 0 ]] || fail "$good of $all packets have good checksums"

# Without the key log nothing past the handshake reads; with it, both OpenSSL sessions do.
plain=$(fields -Y http.request -e http.request.method | wc -w)
[[ $plain == 0 ]] || fail "HTTP readable without the key log"
decrypted=$(fields -o "tls.keylog_file:$work/keys.log" -Y http.request -e tcp.stream -e http.request.method)
[[ $(grep -c HEAD <<<"$decrypted") == 2 ]] || fail "expected 2 decrypted HEAD requests: $decrypted"
# TLS 1.3 encrypts the server's Certificate (type 11): read only with the secrets.
fields -o "tls.keylog_file:$work/keys.log" -Y 'tls.handshake.type == 11 && tls.record.version == 0x0303' \
  -e tcp.stream | grep -q . || fail "no decrypted TLS 1.3 certificate"

# A path that cannot be written is bad input, before anything goes on the wire.
set +e
"$tlsprobe" probe "127.0.0.1:$p12" --pcap "$work/no/such/dir/x.pcapng" --format json >/dev/null 2>&1
code=$?
set -e
[[ $code == 2 ]] || fail "an unwritable --pcap exited $code, expected 2"
echo "pcap ok: 8 streams, 2 HEAD requests decrypted"
