#!/usr/bin/python3
"""Scripted TLS peers for tlsprobe's integration tests.

Each mode is one behaviour no real server shows on demand (see README.md in this folder).
Standard library only; run it with Debian's /usr/bin/python3. It listens on loopback only,
serves many connections at once (one thread each), never answers garbage with a crash,
and exits by itself after --lifetime seconds, or --idle seconds without a new connection.
"""
import argparse
import ipaddress
import os
import select
import socket
import ssl
import struct
import sys
import time

from serving import abort, accept_loop, log, recv_exact

MODES = ("reset", "alert70", "alert40", "silent", "downgrade", "reset_old", "ssl3", "reset_on_data")

# RFC 8446 5.1: a record is at most 2^14 bytes of plaintext; allow some slack, read no more.
MAX_RECORD_BODY = 16384 + 2048
# How long a reset mode waits after the ClientHello: a reset that lands on a pending recv
# is reported as a reset everywhere; one that arrives first shows as a clean EOF under Wine.
RESET_DELAY = 0.3
# A connection never lives longer than this, whatever the client does.
CONNECTION_LIMIT = 30.0
MAX_CONNECTIONS = 256

SSL30 = 0x0300
TLS10 = 0x0301
TLS12 = 0x0303


def alert_record(description):
    # RFC 5246 7.2: level 2 (fatal), sent in plaintext before any keys exist. Record version
    # 0x0301 is what servers use before a version is agreed.
    return bytes([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, description])


def server_hello_tls10():
    # RFC 2246 7.4.1.3: version 3.1, random, empty session id, TLS_RSA_WITH_AES_128_CBC_SHA
    # (0x002F, RFC 3268), null compression. renegotiation_info (RFC 5746) is included so a
    # client that forced TLS 1.0 has no other reason to object than what comes next.
    extensions = b"\xff\x01\x00\x01\x00"
    body = struct.pack("!H", TLS10) + os.urandom(32) + b"\x00" + b"\x00\x2f" + b"\x00"
    body += struct.pack("!H", len(extensions)) + extensions
    handshake = b"\x02" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake


def ssl3_flight(cert_der):
    """RFC 6101 5.6: ServerHello (version 3.0, TLS_RSA_WITH_3DES_EDE_CBC_SHA 0x000A, null
    compression, no extensions: SSL 3.0 has none), Certificate and ServerHelloDone, the whole
    first flight of an SSL 3.0 server using RSA key exchange, in one record of version 3.0."""
    hello = struct.pack("!H", SSL30) + os.urandom(32) + b"\x00" + b"\x00\x0a" + b"\x00"
    chain = (len(cert_der).to_bytes(3, "big") + cert_der) if cert_der else b""
    certificate = len(chain).to_bytes(3, "big") + chain
    messages = b""
    for msg_type, body in ((0x02, hello), (0x0B, certificate), (0x0E, b"")):
        messages += bytes([msg_type]) + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x00" + struct.pack("!H", len(messages)) + messages




def read_hello(sock, deadline):
    """The first record the client sends (its ClientHello), or what arrived of it."""
    header = recv_exact(sock, 5, deadline)
    if len(header) < 5:
        return header
    length = min(struct.unpack("!H", header[3:5])[0], MAX_RECORD_BODY)
    return header + recv_exact(sock, length, deadline)


def is_client_hello(data):
    return len(data) >= 6 and data[0] == 0x16 and data[5] == 0x01


def highest_offered(data):
    """The highest version a ClientHello offers: supported_versions (RFC 8446 4.2.1) when
    present, else legacy_version. None when the bytes are not a ClientHello we can read."""
    try:
        if not is_client_hello(data):
            return None
        body = data[9:]
        legacy = struct.unpack("!H", body[0:2])[0]
        pos = 2 + 32
        pos += 1 + body[pos]                                    # session id
        pos += 2 + struct.unpack("!H", body[pos:pos + 2])[0]    # cipher suites
        pos += 1 + body[pos]                                    # compression methods
        if pos + 2 > len(body):
            return legacy
        end = min(len(body), pos + 2 + struct.unpack("!H", body[pos:pos + 2])[0])
        pos += 2
        while pos + 4 <= end:
            ext_type, ext_len = struct.unpack("!HH", body[pos:pos + 4])
            ext = body[pos + 4:pos + 4 + ext_len]
            pos += 4 + ext_len
            if ext_type == 0x002B and ext:
                versions = [struct.unpack("!H", ext[i:i + 2])[0] for i in range(1, min(len(ext), 1 + ext[0]) - 1, 2)]
                # RFC 8701: GREASE values (0x?A?A) are not versions.
                real = [v for v in versions if (v & 0x0F0F) != 0x0A0A]
                if real:
                    return max(real)
        return legacy
    except (IndexError, struct.error):
        return None




def finish(sock, deadline):
    """FIN our side, then wait (bounded) for the client to close: closing with unread data
    would turn our FIN into a RST and race the bytes we just sent."""
    try:
        sock.shutdown(socket.SHUT_WR)
        while recv_exact(sock, 4096, min(deadline, time.monotonic() + 2.0)):
            pass
    except OSError:
        pass
    sock.close()


def stay_silent(sock, deadline):
    while time.monotonic() < deadline:
        if not recv_exact(sock, 4096, deadline):
            break
    sock.close()


def relay(client, upstream_port, host, first_bytes, deadline):
    upstream = socket.create_connection((host, upstream_port), timeout=5)
    try:
        upstream.sendall(first_bytes)
        peers = {client: upstream, upstream: client}
        while time.monotonic() < deadline:
            ready, _, _ = select.select(list(peers), [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            for sock in ready:
                sock.settimeout(5)
                data = sock.recv(65536)
                if not data:
                    return
                peers[sock].sendall(data)
    finally:
        upstream.close()
        client.close()


def reset_on_data(conn, peer, args, deadline):
    """A real TLS handshake (Python's ssl module, TLS 1.2 and 1.3), then a reset on the first
    application byte: a middlebox that lets handshakes through and kills the connection once
    data flows. Only a request after the handshake (--http-check) can see it."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    conn.settimeout(max(0.1, min(deadline, time.monotonic() + 5.0) - time.monotonic()))
    try:
        tls = context.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError) as error:
        log(f"{peer}: no handshake ({error})")  # a readiness probe, or a version we refuse
        conn.close()
        return
    log(f"{peer}: handshake done, {tls.version()}")
    try:
        first = tls.recv(1)
    except (ssl.SSLError, OSError) as error:
        log(f"{peer}: {error}")
        tls.close()
        return
    log(f"{peer}: first application byte {first!r}, resetting")
    time.sleep(RESET_DELAY)
    abort(tls)  # no close_notify: the RST is all the client gets


def handle(conn, peer, args, deadline):
    deadline = min(deadline, time.monotonic() + CONNECTION_LIMIT)
    if args.mode == "silent":
        log(f"{peer}: staying silent")
        stay_silent(conn, deadline)
        return
    if args.mode == "reset_on_data":
        reset_on_data(conn, peer, args, deadline)
        return
    hello = read_hello(conn, min(deadline, time.monotonic() + 5.0))
    if not hello:
        conn.close()  # a readiness probe, or a client that gave up
        return
    offered = highest_offered(hello)
    log(f"{peer}: {len(hello)} bytes, highest offered {offered and hex(offered)}")
    if args.mode == "reset" or (args.mode == "reset_old" and offered is not None and offered < TLS12):
        time.sleep(RESET_DELAY)
        abort(conn)
    elif args.mode == "alert70":
        conn.sendall(alert_record(70))
        finish(conn, deadline)
    elif args.mode == "alert40":
        # The hello as it arrived, for tests that compare it with what the client says it sent.
        log(f"{peer}: hello {hello.hex()}")
        conn.sendall(alert_record(40))
        finish(conn, deadline)
    elif args.mode == "downgrade" and offered is not None:
        conn.sendall(server_hello_tls10())
        finish(conn, deadline)
    elif args.mode == "reset_old" and offered is not None:
        relay(conn, args.upstream, args.host, hello, deadline)
    elif args.mode == "ssl3":
        # The one thing OpenSSL 3 cannot show: a server that still accepts SSL 3.0.
        conn.sendall(ssl3_flight(args.cert_der) if offered == SSL30 else alert_record(70))
        finish(conn, deadline)
    else:
        conn.close()  # not a ClientHello: nothing sensible to answer



def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", required=True, choices=MODES)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address: 127.0.0.1 or ::1")
    parser.add_argument("--lifetime", type=float, default=120.0, help="exit after this many seconds (max 600)")
    parser.add_argument("--idle", type=float, default=60.0, help="exit after this many seconds without a connection")
    parser.add_argument("--upstream", type=int, help="reset_old: the port of the real server behind us")
    parser.add_argument("--cert", help="ssl3: PEM certificate to send in the Certificate message; "
                        "reset_on_data: the server certificate")
    parser.add_argument("--key", help="reset_on_data: the PEM private key of --cert")
    args = parser.parse_args(argv)
    args.cert_der = ssl.PEM_cert_to_DER_cert(open(args.cert).read()) if args.cert else b""
    if not ipaddress.ip_address(args.host).is_loopback:
        parser.error("tests stay on loopback: --host must be 127.0.0.1 or ::1")
    if args.mode == "reset_old" and not args.upstream:
        parser.error("reset_old needs --upstream PORT")
    if args.mode == "reset_on_data" and not (args.cert and args.key):
        parser.error("reset_on_data needs --cert PEM and --key PEM")
    args.lifetime = max(1.0, min(args.lifetime, 600.0))
    return args


def main(argv):
    args = parse_args(argv)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(128)
    log(f"mode {args.mode} on {args.host}:{args.port}, lifetime {args.lifetime}s")
    accept_loop(listener, args, handle, MAX_CONNECTIONS)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
