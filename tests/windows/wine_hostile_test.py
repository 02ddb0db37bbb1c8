#!/usr/bin/python3
"""The Windows tlsprobe.exe's schannel and raw rows, under Wine, against the hostile servers
of tests/servers/hostile_server.py on 127.0.0.1: the typed-outcome rules of
tests/integration/hostile_test.cpp, for the SChannel backend instead of OpenSSL.

- every cell is the outcome written beside its mode below (status, class, phase, alert,
  errno/winsock, offered);
- never `unsupported`/`local` and never `error`, except SChannel's TLS 1.3 cells: Wine's
  SChannel cannot offer TLS 1.3 (DESIGN.md), decided before connecting;
- SChannel never `accepted` (no mode here completes a handshake); raw `accepted` where the
  mode's ServerHello names the forced version (raw stops at the ServerHello, DESIGN.md);
- every attempt within its deadline plus 1.5 s; the report is JSON (run_json parses it).
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wine_harness import Checks, Servers, free_port, log, probe, wine_session  # noqa: E402

VERSIONS = ("tls1.0", "tls1.2", "tls1.3")
CONNECT_S, HANDSHAKE_S, MARGIN_S = 1.0, 2.0, 1.5


def hostile(servers, mode, *extra):
    """tests/servers/hostile_server.py in `mode`; returns the port to probe."""
    port = free_port()
    script = os.path.join(servers.source_dir, "tests", "servers", "hostile_server.py")
    argv = ["/usr/bin/python3", script, "--mode", mode, "--port", str(port), "--lifetime", "300", "--idle", "120",
            "--connection-limit", "15", *extra]
    ready = port
    if mode.startswith("never_accept"):
        # It never accepts on `port`: readiness is answered on a second port.
        while ready == port:
            ready = free_port()
        argv += ["--ready-port", str(ready)]
    servers._start(f"hostile-{mode}", argv, ready)
    return port


def rejected(cls, phase, **more):
    return dict(status="rejected", phase=phase, **{"class": cls}, **more)


TIMEOUT = dict(errno=110, winsock=10060)
RESET = dict(errno=104, winsock=10054)


def accepted(version):
    return dict(status="accepted", negotiated=version)


def same(expected):
    return lambda backend, version: expected


def after_server_hello(schannel_rule):
    """Modes whose ServerHello answers in kind: raw accepts it (its contract), SChannel meets
    what follows it."""
    return lambda backend, version: accepted(version) if backend == "raw" else schannel_rule


def capped_at_tls12(schannel_rule):
    """Modes whose ServerHello is capped at TLS 1.2: a TLS 1.3 hello gets version_mismatch."""
    def rule(backend, version):
        if version == "tls1.3":
            return rejected("version_mismatch", "handshake", offered="tls1.2")
        return accepted(version) if backend == "raw" else schannel_rule
    return rule


def tls13_only(raw_rule):
    """Modes with something hostile for TLS 1.3 hellos only; the rest get alert 70."""
    def rule(backend, version):
        if version == "tls1.3":
            return raw_rule
        return rejected("alert", "hello", alert=70)
    return rule


# mode -> (extra server arguments, rule(backend, version) -> expected fields). SChannel's
# TLS 1.3 cells are Wine's limit and checked apart.
MODES = {
    # The ServerHello never completes before the deadline: a hello timeout.
    "trickle": ((), same(rejected("timeout", "hello", **TIMEOUT))),
    # Random bytes after the ServerHello: protocol, after the hello.
    "endless": ((), after_server_hello(rejected("protocol", "handshake"))),
    # A 65,535-byte record: over every record limit.
    "huge_length": ((), same(rejected("protocol", "hello"))),
    "garbage": ((), same(rejected("protocol", "hello"))),
    "http400": ((), same(rejected("protocol", "hello"))),
    "sslv2": ((), same(rejected("protocol", "hello"))),
    "half_fin": ((), same(rejected("closed", "hello"))),
    # The RST lands 300 ms after half a ServerHello, on a pending recv: 10054.
    "half_rst": ((), same(rejected("reset", "hello", **RESET))),
    "accept_close": ((), same(rejected("closed", "hello"))),
    "half_open": ((), same(rejected("closed", "hello"))),
    # SChannel waits for the Certificate that never comes.
    "hello_silence": ((), after_server_hello(rejected("timeout", "handshake", **TIMEOUT))),
    "alert_bytewise": ((), same(rejected("alert", "hello", alert=70))),
    "alert_junk": ((), same(rejected("alert", "hello", alert=40))),
    "empty_records": ((), same(rejected("protocol", "hello"))),
    # A full accept queue: SYNs dropped, connect never completes.
    "never_accept": ((), same(dict(status="unreachable", phase="connect", **{"class": "timeout"}, **TIMEOUT))),
    # A Certificate declaring 16 MiB: the server's violation, never this machine's limit.
    "cert_16mb": ((), capped_at_tls12(rejected("protocol", "handshake"))),
    # RFC 5246 7.4.1.1 lets a client ignore HelloRequests while it negotiates (OpenSSL does,
    # and then meets the FIN: closed, handshake). Wine's SChannel sits on GnuTLS, which fails
    # on the first one ("An unexpected TLS handshake packet was received", gnutls-cli says the
    # same), before the ServerHello: rejected / protocol, phase hello, with SChannel's status.
    # That is Wine's stack speaking (a fidelity limit), and still a typed outcome; raw skips
    # them to its ServerHello.
    "hello_request_flood": ((), capped_at_tls12(rejected("protocol", "hello"))),
    # TLS 1.3 only: raw sees the (first) HelloRetryRequest / the ServerHello naming TLS 1.3.
    "hrr_loop": ((), tls13_only(accepted("tls1.3"))),
    "tls13_alert_after_sh": ((), tls13_only(accepted("tls1.3"))),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()

    checks = Checks()
    started = time.monotonic()
    with wine_session(), Servers(args.source) as servers:
        ports = {}
        for mode, (extra, _) in MODES.items():
            more = ["--cert", servers.cert] if mode == "sslv2" else []
            ports[mode] = hostile(servers, mode, *extra, *more)
        targets = [f"127.0.0.1:{p}" for p in ports.values()]
        # One exe run for all of them, every attempt in flight at once so each one's elapsed
        # time is its own.
        run_started = time.monotonic()
        results = probe(args.exe, targets, "schannel,raw", ",".join(VERSIONS),
                        extra=["--connect-timeout", "1s", "--timeout", "2s", "--concurrency", "256",
                               "--per-host", "256", "--retries", "0"])
        log(f"exe run: {time.monotonic() - run_started:.1f} s for {len(results)} cells")

    for mode, (_, rule) in MODES.items():
        port = ports[mode]
        log(f"{mode} (127.0.0.1:{port})")
        bound_ms = ((CONNECT_S if mode.startswith("never_accept") else HANDSHAKE_S) + MARGIN_S) * 1000
        for backend in ("schannel", "raw"):
            for version in VERSIONS:
                if backend == "schannel" and version == "tls1.3":
                    checks.cell(results, port, backend, version, mode, status="unsupported",
                                **{"class": "local"}, message_has="no TLS 1.3")
                    continue
                r = checks.cell(results, port, backend, version, mode, **rule(backend, version))
                if r is None:
                    continue
                where = f"{mode} {backend} {version}"
                error = r.get("error") or {}
                if r["status"] in ("unsupported", "error") or error.get("class") in ("local", "internal"):
                    checks.failures.append(f"{where}: {r['status']} {error.get('class')}: a hostile server is "
                                           f"never this machine's limit nor tlsprobe's fault: {error.get('message')}")
                if backend == "schannel" and r["status"] == "accepted":
                    checks.failures.append(f"{where}: accepted, but no handshake completes here")
                if r["status"] != "accepted" and not error.get("class"):
                    checks.failures.append(f"{where}: no error.class in the JSON: {r}")
                if r.get("elapsed_ms", 0) >= bound_ms:
                    checks.failures.append(f"{where}: {r.get('elapsed_ms')} ms, over the deadline plus "
                                           f"{MARGIN_S} s ({bound_ms:.0f} ms)")
    log(f"whole driver: {time.monotonic() - started:.1f} s")
    checks.finish()


if __name__ == "__main__":
    main()
