#!/usr/bin/python3
"""Records what real servers on 127.0.0.1 answer to tlsprobe's ClientHellos.

The hex in reply_parser_test.cpp and the seed corpus in fuzz/corpus/reply_parser/ come from
this script. Usage:

    record_replies.py HELLO_DIR OUT_DIR

HELLO_DIR holds ssl3.0.hex ... tls1.3.hex: the golden hellos of client_hello_test.cpp
(SNI "localhost", random 00..1f, session id 20..3f, x25519 share 40..5f). OUT_DIR receives
<case>.hex and <case>.bin for each recorded case, for seeds derived from a recording, and for
the few synthetic replies no local server gives. Loopback only; needs `openssl` (3.x) and,
for the HTTP case, `nginx`. Standard library only.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

OPENSSL = "openssl"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, deadline=5.0):
    end = time.time() + deadline
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def exchange(port, hello, idle=0.5, limit=65536):
    """Send the hello, read until the peer is idle for `idle` s, closes, or `limit` bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.sendall(hello)
        s.settimeout(idle)
        data = b""
        while len(data) < limit:
            try:
                chunk = s.recv(limit - len(data))
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            data += chunk
        return data


def with_s_server(args, certdir, hello, key="ec"):
    port = free_port()
    # -naccept 2: one connection for wait_listening, one for the hello.
    cmd = [OPENSSL, "s_server", "-quiet", "-naccept", "2", "-accept", f"127.0.0.1:{port}",
           "-cert", os.path.join(certdir, key + ".crt"), "-key", os.path.join(certdir, key + ".key")] + args
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(port)
        return exchange(port, hello)
    finally:
        proc.kill()
        proc.wait()


def with_nginx(hello):
    """A plain-HTTP nginx on loopback, as when a TLS probe hits an HTTP port."""
    port = free_port()
    with tempfile.TemporaryDirectory() as prefix:
        conf = os.path.join(prefix, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""daemon off; master_process off; pid {prefix}/nginx.pid; error_log stderr;
events {{}}
http {{ access_log off; client_body_temp_path {prefix}; proxy_temp_path {prefix};
        fastcgi_temp_path {prefix}; uwsgi_temp_path {prefix}; scgi_temp_path {prefix};
        server {{ listen 127.0.0.1:{port}; return 204; }} }}
""")
        proc = subprocess.Popen(["nginx", "-p", prefix, "-c", conf], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            wait_listening(port)
            return exchange(port, hello)
        finally:
            proc.kill()
            proc.wait()


def plain_hello(version, suites, extensions=b""):
    """A ClientHello hand-built per RFC 5246 7.4.1.2, for replies our builder never asks for."""
    body = struct.pack("!H", version) + bytes(range(32)) + b"\x00"
    body += struct.pack("!H", 2 * len(suites)) + b"".join(struct.pack("!H", s) for s in suites)
    body += b"\x01\x00"
    if extensions:
        body += struct.pack("!H", len(extensions)) + extensions
    message = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(message)) + message


def main():
    hello_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    hello = {}
    for v in ("ssl3.0", "tls1.0", "tls1.1", "tls1.2", "tls1.3"):
        with open(os.path.join(hello_dir, v + ".hex")) as f:
            hello[v] = bytes.fromhex(f.read().strip())
    legacy = ["-cipher", "DEFAULT:@SECLEVEL=0"]
    certdir = tempfile.mkdtemp()
    for key, spec in (("ec", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]), ("rsa", ["rsa:2048"])):
        subprocess.run([OPENSSL, "req", "-x509", "-newkey"] + spec + ["-nodes",
                        "-keyout", os.path.join(certdir, key + ".key"), "-out", os.path.join(certdir, key + ".crt"),
                        "-days", "3650", "-subj", "/CN=localhost"], check=True, capture_output=True)
    cases = {
        "tls1_0_server_hello": (["-tls1"] + legacy, hello["tls1.0"]),
        "tls1_1_server_hello": (["-tls1_1"] + legacy, hello["tls1.1"]),
        "tls1_2_server_hello": (["-tls1_2"], hello["tls1.2"]),
        "tls1_3_server_hello": (["-tls1_3"], hello["tls1.3"]),
        # Unpinned server: negotiates 1.2 for our 1.2 hello and marks its random (RFC 8446 4.1.3).
        "tls1_2_downgrade_sentinel": (legacy, hello["tls1.2"]),
        # Server only has P-256; our key_share is x25519: HelloRetryRequest (RFC 8446 4.1.4).
        "tls1_3_hello_retry_request": (["-tls1_3", "-groups", "P-256"], hello["tls1.3"]),
        # No extensions offered (RSA key exchange, AES128-SHA only): a ServerHello with none either.
        "tls1_0_no_extensions": (["-tls1"] + legacy, plain_hello(0x0301, [0x002F]), "rsa"),
        "tls1_2_no_extensions": (["-tls1_2"] + legacy, plain_hello(0x0303, [0x002F]), "rsa"),
        "alert70_tls1_0_to_tls1_2_server": (["-tls1_2"], hello["tls1.0"]),
        "alert70_tls1_2_to_tls1_3_server": (["-tls1_3"], hello["tls1.2"]),
        # A 1.2-only OpenSSL reads supported_versions, finds no 1.3 there: protocol_version.
        "alert70_tls1_3_to_tls1_2_server": (["-tls1_2"], hello["tls1.3"]),
        # No cipher in common: handshake_failure.
        "alert40_no_shared_cipher": (["-tls1_2", "-cipher", "ECDHE-ECDSA-CAMELLIA128-SHA256"], hello["tls1.2"]),
        "ssl3_0_to_tls_server": (legacy, hello["ssl3.0"]),
        # TLS_FALLBACK_SCSV (RFC 7507) from a 1.1 hello to a server that speaks 1.2: alert 86.
        "alert86_fallback_scsv": (legacy, plain_hello(0x0302, [0xC009, 0x5600])),
    }
    recorded = {}
    for name, (args, data, *key) in cases.items():
        recorded[name] = with_s_server(args, certdir, data, *key)
        save(out_dir, name, recorded[name])
    for name, data in derived(recorded["tls1_2_server_hello"]).items():
        save(out_dir, name, data)
    save(out_dir, "http_400_nginx", with_nginx(hello["tls1.2"]))
    for name, data in synthetic().items():
        save(out_dir, name, data)


def derived(tls12):
    """Fuzz seeds cut from a recording: shapes real servers rarely send but may."""
    length = struct.unpack("!H", tls12[3:5])[0]
    message, rest = tls12[5:5 + length], tls12[5 + length:]
    # RFC 5246 6.2.1: one handshake message may span records; here 2, 40 and the rest bytes.
    parts = [message[:2], message[2:42], message[42:]]
    fragmented = b"".join(b"\x16\x03\x03" + struct.pack("!H", len(p)) + p for p in parts) + rest
    # RFC 6066 3: a warning unrecognized_name (112) before the ServerHello.
    warning = b"\x15\x03\x03\x00\x02\x01\x70" + tls12
    return {"derived_tls1_2_fragmented": fragmented, "derived_warning_then_tls1_2": warning}


def synthetic():
    """Replies no server we can run on loopback gives: built from the specifications."""
    # RFC 6101 5.6.1.3: SSL 3.0 ServerHello, TLS_RSA_WITH_AES_128_CBC_SHA, no extensions, then
    # Certificate (empty chain) and ServerHelloDone (5.6.6), each in its own record. Debian's
    # OpenSSL 3 has no SSL 3.0, so nothing local can answer an SSL 3.0 hello for real.
    body = b"\x03\x00" + bytes(range(0x60, 0x80)) + b"\x20" + bytes(range(0x80, 0xA0)) + b"\x00\x2f\x00"
    hello = b"\x02" + len(body).to_bytes(3, "big") + body
    ssl3 = b"\x16\x03\x00" + struct.pack("!H", len(hello)) + hello
    ssl3 += b"\x16\x03\x00\x00\x07\x0b\x00\x00\x03\x00\x00\x00"
    ssl3 += b"\x16\x03\x00\x00\x04\x0e\x00\x00\x00"
    # draft-hickman-netscape-ssl-00 B.1 / 2.6: SERVER-HELLO, no session hit, X.509 (1),
    # version 0x0002, a 4-byte stand-in certificate, one cipher spec (RC4_128_WITH_MD5
    # 0x010080), a 16-byte connection id.
    v2 = b"\x04\x00\x01\x00\x02" + struct.pack("!HHH", 4, 3, 16) + b"\x30\x02\x05\x00" + b"\x01\x00\x80"
    v2 += bytes(range(0xA0, 0xB0))
    sslv2 = struct.pack("!H", 0x8000 | len(v2)) + v2
    # No local server answers insufficient_security (71) to a hello; this is the record a
    # server sends for it before any version is agreed (RFC 5246 7.2).
    alert71 = b"\x15\x03\x03\x00\x02\x02\x47"
    return {"ssl3_0_server_hello": ssl3, "sslv2_server_hello": sslv2, "alert71_synthetic": alert71}


def save(out_dir, name, reply):
    with open(os.path.join(out_dir, name + ".bin"), "wb") as f:
        f.write(reply)
    with open(os.path.join(out_dir, name + ".hex"), "w") as f:
        f.write(reply.hex() + "\n")
    print(f"{name}: {len(reply)} bytes: {reply[:16].hex()}")


if __name__ == "__main__":
    main()
