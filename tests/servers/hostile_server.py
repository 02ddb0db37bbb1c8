#!/usr/bin/python3
"""Hostile TLS peers for tlsprobe's integration tests (tests/integration/hostile_test.cpp).

Each mode is one way a server, or something pretending to be one, can misbehave: trickle its
answer, never stop talking, lie about lengths, speak another protocol, close or reset half-way,
loop HelloRetryRequests, flood HelloRequests, announce a 16 MiB certificate ... The client must
answer each with a typed outcome within its deadline, never with a hang or a crash.

Standard library only; run it with Debian's /usr/bin/python3. It listens on loopback only,
serves each connection in its own thread (at most 256), bounds every connection in time
(--connection-limit, 30 s by default) and every mode in the bytes it sends, and exits by itself
after --lifetime seconds, or --idle seconds without a new connection. It is self-contained on
purpose (it shares no code with scripted_server.py) so it can be read, and run, on its own.

Unless a mode says otherwise it first reads the client's ClientHello, and answers "in kind":
a ServerHello, where one is sent, selects the highest version the hello offers (the
supported_versions extension when present, RFC 8446 4.2.1, else legacy_version) up to the
mode's cap, and a cipher suite the hello offers that is valid for that version. A client that
forced version V therefore gets a well-formed ServerHello for V, and what follows it is the
hostile part.
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

MODES = (
    "trickle", "endless", "huge_length", "garbage", "http400", "half_fin", "half_rst", "sslv2",
    "hello_silence", "alert_bytewise", "empty_records", "accept_close", "half_open", "never_accept",
    "never_accept_queued", "big_cert", "long_chain", "alert_junk", "hrr_loop", "hello_request_flood",
    "tls13_alert_after_sh", "cert_16mb", "no_renegotiation_info",
)
# Modes that serve a real handshake with Python's ssl module and need --cert / --key.
REAL_TLS_MODES = ("big_cert", "long_chain")
# Modes that never accept() on --port, so readiness must be checked on --ready-port.
UNACCEPTED_MODES = ("never_accept", "never_accept_queued")

SSL30, TLS10, TLS11, TLS12, TLS13 = 0x0300, 0x0301, 0x0302, 0x0303, 0x0304

# RFC 5246 6.2.1 content types and 7.4 handshake types.
CT_CHANGE_CIPHER_SPEC, CT_ALERT, CT_HANDSHAKE = 20, 21, 22
HT_HELLO_REQUEST, HT_CLIENT_HELLO, HT_SERVER_HELLO, HT_CERTIFICATE = 0, 1, 2, 11

# Extension numbers (IANA TLS ExtensionType registry).
EXT_SUPPORTED_GROUPS = 0x000A      # RFC 8422 5.1.1 / RFC 8446 4.2.7
EXT_SUPPORTED_VERSIONS = 0x002B    # RFC 8446 4.2.1
EXT_KEY_SHARE = 0x0033             # RFC 8446 4.2.8
EXT_RENEGOTIATION_INFO = 0xFF01    # RFC 5746 3.2
SCSV_RENEGOTIATION = 0x00FF        # RFC 5746 3.3, TLS_EMPTY_RENEGOTIATION_INFO_SCSV
SCSV_FALLBACK = 0x5600             # RFC 7507
GROUP_X25519, GROUP_SECP256R1 = 0x001D, 0x0017

# RFC 8446 4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest").
HRR_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")

# Cipher suites the ServerHello picks from, most preferred first, when the hello offers them.
SUITES_TLS13 = (0x1301, 0x1302, 0x1303)                             # RFC 8446 B.4
SUITES_TLS12 = (0xC02F, 0xC030, 0xC02B, 0xC02C, 0x009C, 0x009D,     # AEAD (RFC 5288, 5289)
                0xC013, 0xC014, 0x002F, 0x0035)
SUITES_OLD = (0xC013, 0xC014, 0x002F, 0x0035, 0x000A)               # CBC-SHA: SSL 3.0 .. TLS 1.1

MAX_CONNECTIONS = 256
MAX_HELLO_BYTES = 65536          # a ClientHello is read up to this much, never more
RESET_DELAY = 0.3                # a RST lands on a pending recv (DESIGN.md: Wine sees an early RST as EOF)
TRICKLE_INTERVAL = 1.0           # trickle: seconds between bytes
BYTEWISE_PAUSE = 0.05            # alert_bytewise: seconds between bytes
ENDLESS_MAX_BYTES = 64 << 20     # endless: never more than this, whatever the client does
GARBAGE_BYTES = 4096
JUNK_BYTES = 1 << 20             # alert_junk
EMPTY_RECORDS = 100_000          # empty_records: 500,000 bytes at most
CERT_16MB_SENT = 64 << 10        # cert_16mb: how much of the announced 16 MiB is really sent
FLOOD_SINGLE = 1000              # hello_request_flood: HelloRequests in records of their own ...
FLOOD_PACKED = 8192              # ... and packed 4096 to a record, before and again after the ServerHello
HOLD_LIMIT = 10.0                # accept_close / half_open: how long a half-closed socket is held


# ---------------------------------------------------------------------------------------------
# Wire structures
# ---------------------------------------------------------------------------------------------

def u8(v):
    return bytes([v])


def u16(v):
    return struct.pack("!H", v)


def u24(v):
    return v.to_bytes(3, "big")


def vec8(body):
    return u8(len(body)) + body


def vec16(body):
    return u16(len(body)) + body


def record(content_type, version, fragment):
    """RFC 5246 6.2.1 / RFC 8446 5.1 TLSPlaintext:

        type(1) | legacy_record_version(2) | length(2, big-endian) | fragment[length]
    """
    return u8(content_type) + u16(version) + u16(len(fragment)) + fragment


def handshake(msg_type, body):
    """RFC 5246 7.4 / RFC 8446 4: msg_type(1) | length(3, big-endian) | body[length]."""
    return u8(msg_type) + u24(len(body)) + body


def record_version(version):
    """The record version a server uses for `version`: the version itself up to TLS 1.2, and
    0x0303 for TLS 1.3 (RFC 8446 5.1: legacy_record_version is 0x0303 in all records a
    TLS 1.3 server sends)."""
    return min(version, TLS12)


def alert_record(description, version=TLS10):
    """RFC 5246 7.2: a fatal (level 2) alert in plaintext, before any keys exist:
    15 03 01 00 02 02 <description>. 0x0301 is what servers use before a version is agreed."""
    return record(CT_ALERT, version, bytes([2, description]))


class ClientHello:
    """The fields of a ClientHello the answers depend on (RFC 5246 7.4.1.2, RFC 8446 4.1.2):

        legacy_version(2) | random(32) | legacy_session_id<0..32> | cipher_suites<2..2^16-2>
        | legacy_compression_methods<1..2^8-1> | extensions<8..2^16-1>
    """

    def __init__(self, body):
        pos = 0
        self.legacy_version = struct.unpack("!H", body[0:2])[0]
        pos = 2 + 32
        sid_len = body[pos]
        self.session_id = body[pos + 1:pos + 1 + sid_len]
        pos += 1 + sid_len
        suites_len = struct.unpack("!H", body[pos:pos + 2])[0]
        suites = body[pos + 2:pos + 2 + suites_len]
        self.suites = [struct.unpack("!H", suites[i:i + 2])[0] for i in range(0, len(suites) - 1, 2)]
        pos += 2 + suites_len
        pos += 1 + body[pos]
        self.extensions = {}
        if pos + 2 <= len(body):
            end = min(len(body), pos + 2 + struct.unpack("!H", body[pos:pos + 2])[0])
            pos += 2
            while pos + 4 <= end:
                ext_type, ext_len = struct.unpack("!HH", body[pos:pos + 4])
                self.extensions[ext_type] = body[pos + 4:pos + 4 + ext_len]
                pos += 4 + ext_len
        self.versions = []
        ext = self.extensions.get(EXT_SUPPORTED_VERSIONS, b"")
        if ext:
            listed = ext[1:1 + ext[0]]
            self.versions = [struct.unpack("!H", listed[i:i + 2])[0] for i in range(0, len(listed) - 1, 2)]
            # RFC 8701: GREASE values (0x?A?A) are not versions.
            self.versions = [v for v in self.versions if (v & 0x0F0F) != 0x0A0A]
        self.groups = []
        ext = self.extensions.get(EXT_SUPPORTED_GROUPS, b"")
        if len(ext) >= 2:
            listed = ext[2:2 + struct.unpack("!H", ext[0:2])[0]]
            self.groups = [struct.unpack("!H", listed[i:i + 2])[0] for i in range(0, len(listed) - 1, 2)]
        self.share_groups = []
        ext = self.extensions.get(EXT_KEY_SHARE, b"")
        if len(ext) >= 2:
            shares = ext[2:2 + struct.unpack("!H", ext[0:2])[0]]
            i = 0
            while i + 4 <= len(shares):
                group, key_len = struct.unpack("!HH", shares[i:i + 4])
                self.share_groups.append(group)
                i += 4 + key_len

    @property
    def highest(self):
        return max(self.versions) if self.versions else self.legacy_version

    def offers_tls13(self):
        return TLS13 in self.versions

    def summary(self):
        return (f"hello legacy {self.legacy_version:#06x}, versions {[hex(v) for v in self.versions]}, "
                f"{len(self.suites)} suites, groups {[hex(g) for g in self.groups]}, "
                f"shares {[hex(g) for g in self.share_groups]}")


def pick_suite(version, offered):
    preferred = SUITES_TLS13 if version == TLS13 else SUITES_TLS12 if version == TLS12 else SUITES_OLD
    for suite in preferred:
        if suite in offered:
            return suite
    for suite in offered:  # none of ours: the client's first real suite for this version
        is_tls13 = (suite >> 8) == 0x13
        if suite not in (SCSV_RENEGOTIATION, SCSV_FALLBACK) and (suite & 0x0F0F) != 0x0A0A and \
                is_tls13 == (version == TLS13):
            return suite
    return preferred[0]


def server_hello_message(hello, cap=TLS13, retry_group=None, renegotiation_info=True):
    """A ServerHello (or, with retry_group, a HelloRetryRequest) in answer to `hello`, as the
    bare handshake message (type 2). Returns (version, message).

    TLS 1.0 - 1.2 (RFC 5246 7.4.1.3; SSL 3.0, RFC 6101 5.6.1.3, has no extensions block):

        02 | len(3) | server_version(2) | random(32) | session_id<0..32> = 00 (none)
        | cipher_suite(2) | compression_method(1) = 00
        | extensions: renegotiation_info ff01 0001 00 (RFC 5746 3.6) when the client signalled
          it (OpenSSL 3 refuses a server that does not, "unsafe legacy renegotiation")

    TLS 1.3 (RFC 8446 4.1.3):

        02 | len(3) | legacy_version 0303 | random(32) | legacy_session_id_echo<0..32>
        | cipher_suite(2) | legacy_compression_method 00
        | supported_versions 002b 0002 0304                       (RFC 8446 4.2.1)
        | key_share 0033 0024 001d 0020 <32-byte x25519 key>      (RFC 8446 4.2.8, RFC 7748)

    HelloRetryRequest (RFC 8446 4.1.4): the same layout with random = HRR_RANDOM and a
    key_share that holds only the selected_group: 0033 0002 <group>.
    """
    version = min(hello.highest, cap)
    if version < SSL30:
        version = SSL30
    suite = pick_suite(version, hello.suites)
    if version == TLS13:
        random = HRR_RANDOM if retry_group is not None else os.urandom(32)
        extensions = u16(EXT_SUPPORTED_VERSIONS) + vec16(u16(TLS13))
        if retry_group is not None:
            extensions += u16(EXT_KEY_SHARE) + vec16(u16(retry_group))
        else:
            extensions += u16(EXT_KEY_SHARE) + vec16(u16(GROUP_X25519) + vec16(os.urandom(32)))
        body = u16(TLS12) + random + vec8(hello.session_id) + u16(suite) + b"\x00" + vec16(extensions)
    else:
        body = u16(version) + os.urandom(32) + b"\x00" + u16(suite) + b"\x00"
        wants_reneg = EXT_RENEGOTIATION_INFO in hello.extensions or SCSV_RENEGOTIATION in hello.suites
        if version >= TLS10 and wants_reneg and renegotiation_info:
            body += vec16(u16(EXT_RENEGOTIATION_INFO) + vec16(b"\x00"))
    return version, handshake(HT_SERVER_HELLO, body)


def server_hello_record(hello, cap=TLS13):
    version, message = server_hello_message(hello, cap)
    return version, record(CT_HANDSHAKE, record_version(version), message)


def sslv2_server_hello(cert_der):
    """An SSL 2.0 SERVER-HELLO (draft-hickman-netscape-ssl-00, "SSL 2.0 Record Layer" and
    "Server Only Protocol Messages"):

        record header (2 bytes, top bit set: no padding): 1 | length(15)
        SERVER-HELLO: msg_type 04 | session_id_hit 00 | certificate_type 01 (X.509)
                      | server_version 0002 | certificate_length(2) | cipher_specs_length(2)
                      | connection_id_length(2) | certificate | cipher_specs | connection_id
        cipher specs (3 bytes each): 01 00 80 SSL_CK_RC4_128_WITH_MD5,
                                     07 00 C0 SSL_CK_DES_192_EDE3_CBC_WITH_MD5
    """
    specs = bytes.fromhex("010080" "0700C0")
    connection_id = os.urandom(16)
    body = bytes([4, 0, 1]) + u16(0x0002) + u16(len(cert_der)) + u16(len(specs)) + u16(len(connection_id))
    body += cert_der + specs + connection_id
    return u16(0x8000 | len(body)) + body


# ---------------------------------------------------------------------------------------------
# Socket helpers: every read and write bounded by the connection's deadline
# ---------------------------------------------------------------------------------------------

class Gone(Exception):
    """The client left (EOF, reset, broken pipe) or the connection's deadline passed."""


def remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise Gone("connection limit reached")
    return left


def send(sock, data, deadline):
    sock.settimeout(remaining(deadline))
    try:
        sock.sendall(data)
    except (socket.timeout, OSError) as error:
        raise Gone(f"send: {error}") from error


def sleep_until(seconds, deadline):
    time.sleep(max(0.0, min(seconds, deadline - time.monotonic())))
    remaining(deadline)




def read_record(sock, deadline):
    """One record: (type, fragment), or None when the client closed or sent too little."""
    header = recv_exact(sock, 5, deadline)
    if len(header) < 5:
        return None
    length = struct.unpack("!H", header[3:5])[0]
    fragment = recv_exact(sock, length, deadline)
    if len(fragment) < length:
        return None
    return header[0], fragment


def read_client_hello(sock, deadline):
    """The next ClientHello, reassembled from as many handshake records as it spans (RFC 5246
    6.2.1), skipping ChangeCipherSpec records (RFC 8446 D.4: a compatibility-mode client sends
    one before its second ClientHello). Returns (ClientHello, None), or (None, why)."""
    stream = b""
    total = 0
    while True:
        got = read_record(sock, deadline)
        if got is None:
            return None, "no (complete) record" if total else "no bytes"
        content_type, fragment = got
        total += 5 + len(fragment)
        if total > MAX_HELLO_BYTES:
            return None, "hello larger than the limit"
        if content_type == CT_CHANGE_CIPHER_SPEC and not stream:
            continue
        if content_type == CT_ALERT and len(fragment) >= 2:
            return None, f"client sent alert level {fragment[0]} description {fragment[1]}"
        if content_type != CT_HANDSHAKE:
            return None, f"record type {content_type} instead of a handshake"
        stream += fragment
        if len(stream) < 4:
            continue
        if stream[0] != HT_CLIENT_HELLO:
            return None, f"handshake type {stream[0]} instead of a ClientHello"
        length = int.from_bytes(stream[1:4], "big")
        if len(stream) < 4 + length:
            continue
        try:
            return ClientHello(stream[4:4 + length]), None
        except (IndexError, struct.error) as error:
            return None, f"unreadable ClientHello ({error})"




def drain(sock, deadline, limit=None):
    """Reads and discards until the client closes or resets, the deadline (or `limit` seconds)
    passes. Returns the number of bytes read."""
    end = deadline if limit is None else min(deadline, time.monotonic() + limit)
    total = 0
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return total
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, OSError):
            return total
        if not chunk:
            return total
        total += len(chunk)


def finish(sock, deadline):
    """FIN our side, then read (bounded) until the client closes: closing with unread data
    would turn the FIN into a RST that can overtake what we sent (RFC 2525 2.17)."""
    try:
        sock.shutdown(socket.SHUT_WR)
        drain(sock, deadline, limit=5.0)
    except OSError:
        pass
    sock.close()


def wait_for_client_to_leave(sock, deadline):
    """Waits, without reading, until the client has closed its side (POLLRDHUP), reset, or
    HOLD_LIMIT passes."""
    poller = select.poll()
    poller.register(sock, select.POLLRDHUP | select.POLLHUP | select.POLLERR)
    end = min(deadline, time.monotonic() + HOLD_LIMIT)
    while time.monotonic() < end:
        if poller.poll(max(1, int((end - time.monotonic()) * 1000))):
            return


# ---------------------------------------------------------------------------------------------
# The modes
# ---------------------------------------------------------------------------------------------

def mode_trickle(conn, hello, ctx):
    # A valid ServerHello (TLS 1.2 to a TLS 1.2 hello), one byte per second with TCP_NODELAY,
    # so each byte is its own segment: a client must not wait past its own deadline, however
    # steadily the bytes come. The connection limit stops it after ~30 bytes.
    _, data = server_hello_record(hello)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i in range(len(data)):
        send(conn, data[i:i + 1], ctx.deadline)
        ctx.sent += 1
        sleep_until(TRICKLE_INTERVAL, ctx.deadline)
    finish(conn, ctx.deadline)


def mode_endless(conn, hello, ctx):
    # A valid ServerHello, then random bytes without end: bounded by ENDLESS_MAX_BYTES and the
    # connection limit. What follows a ServerHello must be records; random bytes are not.
    _, data = server_hello_record(hello)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    while ctx.sent < ENDLESS_MAX_BYTES:
        chunk = os.urandom(16384)
        send(conn, chunk, ctx.deadline)
        ctx.sent += len(chunk)
    conn.close()


def mode_huge_length(conn, hello, ctx):
    # 16 03 03 FF FF: a record of 65,535 bytes, over the 2^14 (+2048) limit of RFC 5246 6.2.1 /
    # 6.2.3 (RFC 8446 5.1: 2^14, record_overflow). Inside it 02 FF FF FF: a ServerHello
    # declaring 16,777,215 bytes (uint24, the most a handshake header can say), where
    # RFC 5246 7.4.1.3 allows 2+32+33+2+1+2+65,535 at most. The record is then filled up
    # with zeros (65,540 bytes in all) and the connection finished.
    body = handshake(HT_SERVER_HELLO, b"")[:1] + b"\xff\xff\xff"
    body += bytes(0xFFFF - len(body))
    data = u8(CT_HANDSHAKE) + u16(TLS12) + u16(0xFFFF) + body
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_garbage(conn, hello, ctx):
    # 4 KB from os.urandom: not a record, not SSL 2.0, not HTTP (the log shows the first bytes).
    data = os.urandom(GARBAGE_BYTES)
    log(f"{ctx.peer}: garbage starts {data[:8].hex()}")
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_http400(conn, hello, ctx):
    # What a plain HTTP server answers to a ClientHello (nginx, a proxy's plain port).
    page = b"<html><head><title>400 Bad Request</title></head><body>400 Bad Request</body></html>\r\n"
    data = (b"HTTP/1.1 400 Bad Request\r\nServer: hostile\r\nContent-Type: text/html\r\n"
            b"Content-Length: " + str(len(page)).encode() + b"\r\nConnection: close\r\n\r\n" + page)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def half_server_hello(hello):
    _, data = server_hello_record(hello)
    return data[:len(data) // 2]


def mode_half_fin(conn, hello, ctx):
    # The first half of a valid ServerHello record, then FIN.
    data = half_server_hello(hello)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_half_rst(conn, hello, ctx):
    # The first half of a valid ServerHello record, a pause (the client is now in recv, waiting
    # for the rest), then RST via SO_LINGER {1, 0}.
    data = half_server_hello(hello)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    time.sleep(RESET_DELAY)
    abort(conn)


def mode_sslv2(conn, hello, ctx):
    # An SSL 2.0 SERVER-HELLO (with --cert's certificate when given): a peer that speaks
    # nothing newer than SSL 2.0 (RFC 6176 prohibits it).
    data = sslv2_server_hello(ctx.args.cert_der)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_hello_silence(conn, hello, ctx):
    # A whole valid ServerHello, then nothing: no Certificate, no ServerHelloDone (TLS 1.2), no
    # EncryptedExtensions (TLS 1.3). The socket stays open until the client leaves.
    _, data = server_hello_record(hello)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    drain(conn, ctx.deadline)
    conn.close()


def mode_no_renegotiation_info(conn, hello, ctx):
    # A TLS 1.2 (or older) ServerHello without renegotiation_info although the client asked
    # for it (RFC 5746 3.4: a server that does not know the extension), then silence. Servers
    # like that still exist behind old load balancers; OpenSSL 3 refuses them by default
    # ("unsafe legacy renegotiation disabled"), SChannel does not.
    version, message = server_hello_message(hello, cap=TLS12, renegotiation_info=False)
    data = record(CT_HANDSHAKE, record_version(version), message)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    drain(conn, ctx.deadline)
    conn.close()


def mode_alert_bytewise(conn, hello, ctx):
    # 15 03 01 00 02 02 46 (fatal protocol_version, RFC 5246 7.2), one byte per write with
    # TCP_NODELAY and BYTEWISE_PAUSE between: a record split over seven segments.
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    data = alert_record(70)
    for i in range(len(data)):
        send(conn, data[i:i + 1], ctx.deadline)
        ctx.sent += 1
        sleep_until(BYTEWISE_PAUSE, ctx.deadline)
    finish(conn, ctx.deadline)


def mode_empty_records(conn, hello, ctx):
    # Up to 100,000 handshake records of length 0 (16 03 0x 00 00, 500,000 bytes): RFC 5246
    # 6.2.1 forbids zero-length handshake fragments (RFC 8446 5.1 too). Sent 1,000 at a time
    # until the client leaves.
    version = record_version(min(max(hello.highest, TLS10), TLS13))
    batch = record(CT_HANDSHAKE, version, b"") * 1000
    for _ in range(EMPTY_RECORDS // 1000):
        send(conn, batch, ctx.deadline)
        ctx.sent += len(batch)
    finish(conn, ctx.deadline)


def mode_accept_close(conn, ctx):
    # Accept, and end our side at once, reading nothing. shutdown(SHUT_WR) sends the FIN now;
    # a plain close() would send a RST instead whenever the ClientHello had already arrived
    # (Linux resets a close with unread data, RFC 2525 2.17), and that is a race. The socket
    # is closed once the client has gone.
    try:
        conn.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    wait_for_client_to_leave(conn, ctx.deadline)
    conn.close()


def mode_half_open(conn, hello, ctx):
    # The ClientHello is read, then FIN at once, and the socket keeps reading (a half-open
    # connection) until the client leaves.
    conn.shutdown(socket.SHUT_WR)
    ctx.received += drain(conn, ctx.deadline)
    conn.close()


def mode_alert_junk(conn, hello, ctx):
    # 15 03 01 00 02 02 28 (fatal handshake_failure), then 1 MiB of random bytes: the alert is
    # the answer; what follows it must not change it, nor keep the client reading.
    data = alert_record(40)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    while ctx.sent < len(data) + JUNK_BYTES:
        chunk = os.urandom(min(16384, len(data) + JUNK_BYTES - ctx.sent))
        send(conn, chunk, ctx.deadline)
        ctx.sent += len(chunk)
    finish(conn, ctx.deadline)


def mode_hrr_loop(conn, hello, ctx):
    # To a hello offering TLS 1.3: a valid HelloRetryRequest (RFC 8446 4.1.4) asking for a key
    # share in a group the client listed in supported_groups without sending a share for it
    # (secp256r1 when it did not list any such group), then, to the second ClientHello,
    # a second HelloRetryRequest. RFC 8446 4.1.4: "If a client receives a second
    # HelloRetryRequest in the same connection ..., it MUST abort the handshake with an
    # 'unexpected_message' alert." To a hello without TLS 1.3: alert 70.
    if not hello.offers_tls13():
        refuse(conn, ctx)
        return
    group = next((g for g in hello.groups if g not in hello.share_groups and (g & 0x0F0F) != 0x0A0A),
                 GROUP_SECP256R1)
    _, hrr = server_hello_message(hello, retry_group=group)
    data = record(CT_HANDSHAKE, TLS12, hrr)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    second, why = read_client_hello(conn, min(ctx.deadline, time.monotonic() + 5.0))
    if second is None:
        log(f"{ctx.peer}: no second ClientHello after the HelloRetryRequest for {group:#06x}: {why}")
        conn.close()
        return
    log(f"{ctx.peer}: second {second.summary()}; sending a second HelloRetryRequest")
    _, hrr = server_hello_message(second, retry_group=group)
    data = record(CT_HANDSHAKE, TLS12, hrr)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    got = read_record(conn, min(ctx.deadline, time.monotonic() + 3.0))
    if got and got[0] == CT_ALERT and len(got[1]) >= 2:
        log(f"{ctx.peer}: client answered the second HelloRetryRequest with alert {got[1][1]}")
    finish(conn, ctx.deadline)


def refuse(conn, ctx):
    """15 03 01 00 02 02 46: fatal protocol_version, then FIN (a mode's answer to a hello it
    has nothing hostile for)."""
    data = alert_record(70)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def hello_request_flood(version):
    """00 00 00 00: HelloRequest, an empty handshake message (RFC 5246 7.4.1.1) "ignored by
    the client if the client is currently negotiating a session". FLOOD_SINGLE records of
    one each (16 03 0x 00 04 00 00 00 00), then FLOOD_PACKED packed 4,096 to a record."""
    one = handshake(HT_HELLO_REQUEST, b"")
    data = record(CT_HANDSHAKE, version, one) * FLOOD_SINGLE
    packed = FLOOD_PACKED
    while packed > 0:
        n = min(packed, 4096)
        data += record(CT_HANDSHAKE, version, one * n)
        packed -= n
    return data


def mode_hello_request_flood(conn, hello, ctx):
    # 9,192 HelloRequests (41 KB), a valid ServerHello (capped at TLS 1.2: HelloRequest does
    # not exist in TLS 1.3, RFC 8446 B.3), 9,192 more, then FIN. About 84 KB in all; the
    # flood before the ServerHello stays below 2^17 bytes (the raw backend's parser limit).
    version, sh = server_hello_record(hello, cap=TLS12)
    flood = hello_request_flood(record_version(version))
    for part in (flood, sh, flood):
        send(conn, part, ctx.deadline)
        ctx.sent += len(part)
    finish(conn, ctx.deadline)


def mode_tls13_alert_after_sh(conn, hello, ctx):
    # To a hello offering TLS 1.3: a valid TLS 1.3 ServerHello selecting 0x0304, then, where
    # encrypted records belong, a plaintext fatal handshake_failure alert:
    # 15 03 03 00 02 02 28 (RFC 8446 6: alerts after the ServerHello are encrypted; servers
    # that fail right after choosing the version still send them in plaintext). The alert is
    # the server's answer. To a hello without TLS 1.3: alert 70.
    if not hello.offers_tls13():
        refuse(conn, ctx)
        return
    _, sh = server_hello_record(hello)
    data = sh + alert_record(40, TLS12)
    send(conn, data, ctx.deadline)
    ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_cert_16mb(conn, hello, ctx):
    # A valid ServerHello (capped at TLS 1.2: a TLS 1.3 Certificate is encrypted), then a
    # Certificate message (RFC 5246 7.4.2) declaring 16 MiB:
    #   0B FF FF FF               handshake type 11, length 16,777,215 (uint24 maximum)
    #   FF FF FC                  certificate_list<0..2^24-1> of 16,777,212 bytes
    #   FF FF F9                  the first ASN.1Cert<1..2^24-1>: 16,777,209 bytes
    #   30 83 FF FF F5 ...        a DER SEQUENCE of that size
    # Only the first CERT_16MB_SENT bytes follow (in records of 2^14), then FIN: a client must
    # refuse the size from the header, not wait for 16 MiB.
    version, sh = server_hello_record(hello, cap=TLS12)
    send(conn, sh, ctx.deadline)
    ctx.sent += len(sh)
    certificate = (u8(HT_CERTIFICATE) + u24(0xFFFFFF) + u24(0xFFFFFC) + u24(0xFFFFF9)
                   + b"\x30\x83\xff\xff\xf5")
    certificate += bytes(CERT_16MB_SENT - len(certificate))
    for i in range(0, len(certificate), 16384):
        data = record(CT_HANDSHAKE, record_version(version), certificate[i:i + 16384])
        send(conn, data, ctx.deadline)
        ctx.sent += len(data)
    finish(conn, ctx.deadline)


def mode_real_tls(conn, ctx):
    # big_cert, long_chain: a real handshake by Python's ssl module (OpenSSL's defaults: TLS 1.2
    # and 1.3) presenting --cert, which holds the leaf and then the chain (load_cert_chain
    # sends every certificate in the file). The test makes the files with openssl req.
    conn.settimeout(min(remaining(ctx.deadline), 5.0))
    try:
        tls = ctx.args.tls_context.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError) as error:
        log(f"{ctx.peer}: no handshake ({error})")  # a readiness probe, a refused version, raw
        conn.close()
        return
    log(f"{ctx.peer}: handshake done, {tls.version()}, {tls.cipher()[0]}")
    try:
        tls.settimeout(min(remaining(ctx.deadline), 5.0))
        while tls.recv(4096):
            pass
    except (ssl.SSLError, OSError):
        pass
    tls.close()


HELLO_MODES = {
    "trickle": mode_trickle, "endless": mode_endless, "huge_length": mode_huge_length,
    "garbage": mode_garbage, "http400": mode_http400, "half_fin": mode_half_fin,
    "half_rst": mode_half_rst, "sslv2": mode_sslv2, "hello_silence": mode_hello_silence,
    "alert_bytewise": mode_alert_bytewise, "empty_records": mode_empty_records,
    "half_open": mode_half_open, "alert_junk": mode_alert_junk, "hrr_loop": mode_hrr_loop,
    "hello_request_flood": mode_hello_request_flood, "tls13_alert_after_sh": mode_tls13_alert_after_sh,
    "cert_16mb": mode_cert_16mb, "no_renegotiation_info": mode_no_renegotiation_info,
}


class Context:
    def __init__(self, args, peer, deadline):
        self.args = args
        self.peer = peer
        self.deadline = deadline
        self.sent = 0
        self.received = 0


def handle(conn, peer, args, deadline):
    ctx = Context(args, peer, min(deadline, time.monotonic() + args.connection_limit))
    started = time.monotonic()
    try:
        if args.mode == "accept_close":
            mode_accept_close(conn, ctx)
        elif args.mode in REAL_TLS_MODES:
            mode_real_tls(conn, ctx)
        else:
            hello, why = read_client_hello(conn, min(ctx.deadline, time.monotonic() + 5.0))
            if hello is None:
                log(f"{peer}: {why}; closing")  # a readiness probe, or not a TLS client
                conn.close()
                return
            log(f"{peer}: {hello.summary()}")
            HELLO_MODES[args.mode](conn, hello, ctx)
    except Gone as why:
        log(f"{peer}: {why}")
        conn.close()
    log(f"{peer}: done after {time.monotonic() - started:.2f} s, {ctx.sent} bytes sent")



def fill_accept_queue(listener, host, port):
    """never_accept: listen(0) and connect to ourselves until a connect no longer completes.
    Linux queues backlog + 1 connections; with the queue full it drops new SYNs
    (tcp_conn_request: sk_acceptq_is_full), so a client's connect() hangs, retransmitting
    its SYN, until its own deadline: what a server too busy to accept looks like."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    fillers = []
    for _ in range(8):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(0.3)
        try:
            s.connect((host, port))
        except (socket.timeout, OSError):
            s.close()
            break
        fillers.append(s)
    log(f"accept queue filled by {len(fillers)} connection(s) of our own")
    return fillers


def serve_unaccepted(args, listener, end):
    """never_accept, never_accept_queued: nothing is ever accepted on --port. Readiness is
    answered on --ready-port (accept and close), opened only once --port is as it will stay."""
    fillers = fill_accept_queue(listener, args.host, args.port) if args.mode == "never_accept" else []
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    ready = socket.socket(family, socket.SOCK_STREAM)
    ready.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ready.bind((args.host, args.ready_port))
    ready.listen(16)
    ready.settimeout(0.25)
    last = time.monotonic()
    while time.monotonic() < end and time.monotonic() - last < args.idle:
        try:
            conn, _ = ready.accept()
            conn.close()
            last = time.monotonic()
        except socket.timeout:
            continue
    ready.close()
    for s in fillers:
        s.close()


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", required=True, choices=MODES)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address: 127.0.0.1 or ::1")
    parser.add_argument("--lifetime", type=float, default=120.0, help="exit after this many seconds (max 600)")
    parser.add_argument("--idle", type=float, default=60.0, help="exit after this many seconds without a connection")
    parser.add_argument("--connection-limit", type=float, default=30.0,
                        help="no connection lives longer than this many seconds (max 60)")
    parser.add_argument("--ready-port", type=int,
                        help="never_accept*: a port that accepts and closes, for readiness checks")
    parser.add_argument("--cert", help="big_cert, long_chain: PEM leaf followed by its chain; "
                        "sslv2: the certificate in the SERVER-HELLO")
    parser.add_argument("--key", help="big_cert, long_chain: the leaf's PEM private key")
    args = parser.parse_args(argv)
    if not ipaddress.ip_address(args.host).is_loopback:
        parser.error("tests stay on loopback: --host must be 127.0.0.1 or ::1")
    if args.mode in REAL_TLS_MODES and not (args.cert and args.key):
        parser.error(f"{args.mode} needs --cert PEM and --key PEM")
    if args.mode in UNACCEPTED_MODES and not args.ready_port:
        parser.error(f"{args.mode} needs --ready-port PORT")
    args.cert_der = b""
    args.tls_context = None
    if args.mode in REAL_TLS_MODES:
        # Loaded once, before listening: a bad file ends the server at start, with the reason.
        args.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        args.tls_context.load_cert_chain(args.cert, args.key)
    if args.cert and args.mode == "sslv2":
        args.cert_der = ssl.PEM_cert_to_DER_cert(open(args.cert).read())
    args.lifetime = max(1.0, min(args.lifetime, 600.0))
    args.connection_limit = max(1.0, min(args.connection_limit, 60.0))
    return args


def main(argv):
    args = parse_args(argv)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    # never_accept: a backlog of 0 (Linux then queues one connection); never_accept_queued:
    # room for 64 connections the kernel completes and nobody ever serves.
    listener.listen(0 if args.mode == "never_accept" else 64 if args.mode == "never_accept_queued" else 128)
    end = time.monotonic() + args.lifetime
    log(f"mode {args.mode} on {args.host}:{args.port}, lifetime {args.lifetime}s, "
        f"connection limit {args.connection_limit}s")
    if args.mode in UNACCEPTED_MODES:
        serve_unaccepted(args, listener, end)
        log("lifetime or idle limit reached, exiting")
        listener.close()
        return 0
    accept_loop(listener, args, handle, MAX_CONNECTIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
