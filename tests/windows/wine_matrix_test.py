#!/usr/bin/python3
"""The Windows tlsprobe.exe's schannel row, under Wine, against real servers on 127.0.0.1.

Every cell of every server is asserted from the JSON the exe writes. Wine's SChannel says
SEC_E_INTERNAL_ERROR for almost every failure, so the alert numbers asserted here can only
come from the backend reading the server's records itself.
"""
import argparse
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


def alert(checks, results, port, label, version, number):
    r = checks.cell(results, port, "schannel", version, label, status="rejected", alert=number, phase="hello",
                    **{"class": "alert"})
    if r and not (r.get("error") or {}).get("sec_status"):
        checks.failures.append(f"{label} schannel {version}: SChannel's SECURITY_STATUS is missing beside the alert")


def mismatch(checks, results, port, label, version, offered):
    checks.cell(results, port, "schannel", version, label, status="rejected", offered=offered, phase="handshake",
                **{"class": "version_mismatch"})


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
    checks.finish()


if __name__ == "__main__":
    main()
