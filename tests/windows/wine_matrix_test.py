#!/usr/bin/python3
"""The Windows tlsprobe.exe's schannel row, under Wine, against real servers on 127.0.0.1.

Every cell of every server is asserted from the JSON the exe writes. Wine's SChannel says
SEC_E_INTERNAL_ERROR for almost every failure, so the alert numbers asserted here can only
come from the backend reading the server's records itself.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wine_harness import Checks, Servers, free_port, log, probe, wine_session  # noqa: E402

OLD = "DEFAULT:@SECLEVEL=0"  # OpenSSL 3 serves TLS 1.0/1.1 only at security level 0
TLS = ("tls1.0", "tls1.1", "tls1.2")


def check_local_limits(checks, results, port, label):
    # Wine's SChannel cannot offer SSL 3.0 or TLS 1.3 (DESIGN.md): a result with the reason,
    # decided before connecting, never a crash or a silent skip.
    checks.cell(results, port, "schannel", "ssl3.0", label, status="unsupported", **{"class": "local"},
                message_has="SSL 3.0")
    checks.cell(results, port, "schannel", "tls1.3", label, status="unsupported", **{"class": "local"},
                message_has="no TLS 1.3")


# The harness's certificate, as `openssl x509` prints its serial; set in main().
LEAF_SERIAL = None


def certificate_serial(path):
    out = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-serial"], check=True, capture_output=True,
                         text=True, timeout=30).stdout.strip()
    return out.split("=", 1)[1].upper()


def check_chain(checks, r, where, hostname_matches):
    """The presented chain: the harness's self-signed leaf alone, described in full, and the
    leaf's own names judged against the name checked."""
    cert = (r or {}).get("certificate") or {}
    chain = cert.get("chain") or []
    if len(chain) != 1:
        checks.failures.append(f"{where}: chain should be the self-signed leaf alone: {chain}")
        return
    leaf = chain[0]
    want = {"subject": "CN=localhost", "issuer": "CN=localhost", "serial": LEAF_SERIAL, "key_type": "RSA",
            "key_bits": 2048, "key_curve": None, "san_dns": ["localhost"], "san_ip": ["127.0.0.1"],
            "self_signed": True, "not_after": cert.get("not_after")}
    for key, value in want.items():
        if leaf.get(key) != value:
            checks.failures.append(f"{where}: chain[0].{key} is {leaf.get(key)!r}, want {value!r}")
    if not leaf.get("not_before") or not (leaf.get("not_before") or "").endswith("Z"):
        checks.failures.append(f"{where}: chain[0].not_before is {leaf.get('not_before')!r}")
    if cert.get("hostname_matches") is not hostname_matches:
        checks.failures.append(f"{where}: hostname_matches is {cert.get('hostname_matches')!r}, "
                               f"want {hostname_matches!r}")


def accepted(checks, results, port, label, version):
    r = checks.cell(results, port, "schannel", version, label, status="accepted", negotiated=version)
    if r and r["status"] == "accepted":
        cert = r.get("certificate") or {}
        # Trust is reported beside the outcome: the test certificate is self-signed.
        if cert.get("subject") != "CN=localhost" or cert.get("verified") is not False or \
                "CERT_E_UNTRUSTEDROOT" not in (cert.get("verify_error") or "") or not r.get("cipher"):
            checks.failures.append(f"{label} schannel {version}: certificate/cipher {cert} {r.get('cipher')!r}")
        # No --sni: the name checked is the target's address, in the leaf's IP alternative names.
        check_chain(checks, r, f"{label} schannel {version}", True)
        check_client_hello(checks, r, f"{label} schannel {version}", version)


LEGACY = {"tls1.0": "0x0301", "tls1.1": "0x0302", "tls1.2": "0x0303"}


def check_client_hello(checks, r, where, version):
    """The hello SChannel really sent: the first token of InitializeSecurityContext, read back.
    This is Wine's SChannel, built on GnuTLS (record_size_limit, RFC 8449, is GnuTLS's and
    Windows' SChannel does not send it), so its suites are GnuTLS's list, not a Windows build's;
    what is asserted is what any SChannel hello pinned to `version` must be."""
    h = (r or {}).get("client_hello") or {}
    want = {"legacy_version": LEGACY[version], "server_name": None}
    for key, value in want.items():
        if h.get(key) != value:
            checks.failures.append(f"{where}: client_hello.{key} is {h.get(key)!r}, want {value!r}")
    if not (h.get("record_version") or "").startswith("0x03"):
        checks.failures.append(f"{where}: client_hello.record_version is {h.get('record_version')!r}")
    if not h.get("cipher_suites") or "record_size_limit" not in (h.get("extensions") or []):
        checks.failures.append(f"{where}: client_hello is not Wine's GnuTLS-made hello: {h}")
    ja4 = h.get("ja4") or ""
    # No server_name for an address literal; the version digits follow the pinned version.
    if not ja4.startswith("t" + version[3] + version[5] + "i"):
        checks.failures.append(f"{where}: client_hello.ja4 is {ja4!r}")
    if h.get("supported_versions") not in ([], None) and version != "tls1.3":
        # A hello pinned below 1.3 offers nothing above it.
        if any(v == "tls1.3" for v in h["supported_versions"]):
            checks.failures.append(f"{where}: a {version} hello offers TLS 1.3: {h['supported_versions']}")


def alert(checks, results, port, label, version, number):
    r = checks.cell(results, port, "schannel", version, label, status="rejected", alert=number, phase="hello",
                    **{"class": "alert"})
    if r and not (r.get("error") or {}).get("sec_status"):
        checks.failures.append(f"{label} schannel {version}: SChannel's SECURITY_STATUS is missing beside the alert")


def mismatch(checks, results, port, label, version, offered):
    checks.cell(results, port, "schannel", version, label, status="rejected", offered=offered, phase="handshake",
                **{"class": "version_mismatch"})


def scripted_with_cert(servers, mode):
    """tests/servers/scripted_server.py in a mode that runs a real handshake (reset_on_data):
    the harness's certificate and key."""
    port = free_port()
    script = os.path.join(servers.source_dir, "tests", "servers", "scripted_server.py")
    argv = ["/usr/bin/python3", script, "--mode", mode, "--port", str(port), "--lifetime", "300", "--idle", "120",
            "--cert", servers.cert, "--key", servers.key]
    return servers._start(f"scripted-{mode}", argv, port)


# An HTTPS server that answers HEAD: `openssl s_server -www` answers GET only (a HEAD waits
# for more input, and the single-threaded server then serves no one else). Python's
# http.server answers HEAD / with "HTTP/1.0 200 OK"; TLS 1.2 and 1.3 from Python's defaults.
HTTPS_SERVER = """
import http.server, ssl, sys
port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        sys.stderr.write("%s\\n" % (args[0] % args[1:]))
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
"""


def https_server(servers):
    port = free_port()
    argv = ["/usr/bin/python3", "-c", HTTPS_SERVER, str(port), servers.cert, servers.key]
    return servers._start("https", argv, port)


def check_http(checks, results, port, label, version, **expected_error):
    """--http-check on an accepted SChannel handshake: the version stays accepted, and `http`
    carries the answer's status line, or the error (phase http) the request met."""
    r = checks.cell(results, port, "schannel", version, label, status="accepted", negotiated=version)
    where = f"{label} schannel {version} --http-check"
    http = (r or {}).get("http")
    if not isinstance(http, dict):
        checks.failures.append(f"{where}: no http result: {http!r}")
        return
    log(f"  http {where}: {json.dumps(http)}")
    if http.get("path") != "/":
        checks.failures.append(f"{where}: path is {http.get('path')!r}")
    if not expected_error:
        if http.get("status") != 200 or not (http.get("status_line") or "").startswith("HTTP/1.") or \
                " 200" not in (http.get("status_line") or "") or http.get("error") is not None:
            checks.failures.append(f"{where}: want status 200 and its status line: {http}")
        return
    error = http.get("error") or {}
    for key, value in expected_error.items():
        if error.get(key) != value:
            checks.failures.append(f"{where}: http.error.{key} is {error.get(key)!r}, want {value!r}")
    if http.get("status") is not None:
        checks.failures.append(f"{where}: a status without an answer: {http}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()

    global LEAF_SERIAL
    checks = Checks()
    with wine_session(), Servers(args.source) as servers:
        LEAF_SERIAL = certificate_serial(servers.cert)
        ports = {
            "tls1.2-only": servers.openssl("-tls1_2"),
            "tls1.0-only": servers.openssl("-tls1", "-cipher", OLD),
            "tls1.1-only": servers.openssl("-tls1_1", "-cipher", OLD),
            "tls1.0-1.2": servers.openssl("-no_tls1_3", "-cipher", OLD),
            "tls1.3-only": servers.openssl("-tls1_3"),
            "reset": servers.scripted("reset"),
            "alert70": servers.scripted("alert70"),
            "alert40": servers.scripted("alert40"),
            "silent": servers.scripted("silent"),
            "downgrade": servers.scripted("downgrade"),
        }
        closed = free_port()  # bound and released: nothing listens there
        targets = [f"127.0.0.1:{p}" for p in ports.values()] + [f"127.0.0.1:{closed}"]
        # One exe run for the whole matrix: the attempts run concurrently, as users run it.
        results = probe(args.exe, targets, "schannel,raw", extra=["--timeout", "3s", "--connect-timeout", "3s"])
        # The chain checked by CryptoAPI against --ca-file's roots alone, for the name sent.
        trusted = probe(args.exe, [f"127.0.0.1:{ports['tls1.2-only']}"], "schannel", "tls1.2",
                        extra=["--sni", "localhost", "--ca-file", servers.cert])
        # A name the leaf does not have: trusted chain, wrong name, judged on the leaf alone too.
        wrong = probe(args.exe, [f"127.0.0.1:{ports['tls1.2-only']}"], "schannel", "tls1.2",
                      extra=["--sni", "wrong.example", "--ca-file", servers.cert])
        # --http-check: HEAD / over the accepted handshake. The HTTPS server answers it with
        # HTTP/1.0 200; reset_on_data completes the handshake and resets on the first record.
        http_ports = {"www": https_server(servers),
                      "reset_on_data": scripted_with_cert(servers, "reset_on_data")}
        http = probe(args.exe, [f"127.0.0.1:{p}" for p in http_ports.values()], "schannel", "tls1.2",
                     extra=["--http-check=/", "--timeout", "5s"])

    for label, port in ports.items():
        log(f"{label} (127.0.0.1:{port})")
        check_local_limits(checks, results, port, label)
    p = ports

    accepted(checks, results, p["tls1.2-only"], "tls1.2-only", "tls1.2")
    alert(checks, results, p["tls1.2-only"], "tls1.2-only", "tls1.0", 70)
    alert(checks, results, p["tls1.2-only"], "tls1.2-only", "tls1.1", 70)

    # A TLS 1.0-only server answers a higher hello with its own version: SChannel refuses it.
    accepted(checks, results, p["tls1.0-only"], "tls1.0-only", "tls1.0")
    mismatch(checks, results, p["tls1.0-only"], "tls1.0-only", "tls1.1", "tls1.0")
    mismatch(checks, results, p["tls1.0-only"], "tls1.0-only", "tls1.2", "tls1.0")

    alert(checks, results, p["tls1.1-only"], "tls1.1-only", "tls1.0", 70)
    accepted(checks, results, p["tls1.1-only"], "tls1.1-only", "tls1.1")
    mismatch(checks, results, p["tls1.1-only"], "tls1.1-only", "tls1.2", "tls1.1")

    for v in TLS:
        accepted(checks, results, p["tls1.0-1.2"], "tls1.0-1.2", v)
        alert(checks, results, p["tls1.3-only"], "tls1.3-only", v, 70)
        alert(checks, results, p["alert70"], "alert70", v, 70)
        alert(checks, results, p["alert40"], "alert40", v, 40)
        # The reset lands ~300 ms after the hello, on a pending recv: Winsock's 10054.
        checks.cell(results, p["reset"], "schannel", v, "reset", status="rejected", errno=104, winsock=10054,
                    phase="hello", **{"class": "reset"})
        checks.cell(results, p["silent"], "schannel", v, "silent", status="rejected", errno=110, winsock=10060,
                    phase="hello", **{"class": "timeout"})
        checks.cell(results, closed, "schannel", v, "closed port", status="unreachable", errno=111, winsock=10061,
                    phase="connect", **{"class": "refused"})
    mismatch(checks, results, p["downgrade"], "downgrade", "tls1.1", "tls1.0")
    mismatch(checks, results, p["downgrade"], "downgrade", "tls1.2", "tls1.0")
    # The TLS 1.0 ServerHello fits a forced TLS 1.0 hello, then the stream ends.
    checks.cell(results, p["downgrade"], "schannel", "tls1.0", "downgrade", status="rejected", phase="handshake",
                **{"class": "closed"})
    check_local_limits(checks, results, closed, "closed port")

    r = checks.cell(trusted, p["tls1.2-only"], "schannel", "tls1.2", "--ca-file", status="accepted")
    cert = (r or {}).get("certificate") or {}
    if cert.get("verified") is not True:
        checks.failures.append(f"--ca-file schannel tls1.2: chain not trusted: {cert}")
    check_chain(checks, r, "--sni localhost schannel tls1.2", True)

    r = checks.cell(wrong, p["tls1.2-only"], "schannel", "tls1.2", "--sni wrong.example", status="accepted")
    check_chain(checks, r, "--sni wrong.example schannel tls1.2", False)
    cert = (r or {}).get("certificate") or {}
    log(f"--sni wrong.example: verified={cert.get('verified')} verify_error={cert.get('verify_error')!r}")
    if cert.get("verified") is not False:
        checks.failures.append(f"--sni wrong.example schannel tls1.2: CryptoAPI trusted a wrong name: {cert}")

    check_http(checks, http, http_ports["www"], "https server", "tls1.2")
    # Python's ssl module serves TLS 1.2 (and 1.3) by default: the reset is on the request.
    check_http(checks, http, http_ports["reset_on_data"], "reset_on_data", "tls1.2",
               **{"class": "reset", "phase": "http", "errno": 104, "winsock": 10054})
    checks.finish()


if __name__ == "__main__":
    main()
