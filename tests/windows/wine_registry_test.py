#!/usr/bin/python3
"""The SCHANNEL registry keys decide what the schannel backend may offer, under Wine as on
Windows: TLS 1.2 disabled for clients turns its cell into unsupported/local while the raw
backend still sees the server accept TLS 1.2; with the value gone it is accepted again.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wine_harness import SCHANNEL_PROTOCOLS, Checks, Servers, log, probe, run_json, wine, wine_session  # noqa: E402

KEY = SCHANNEL_PROTOCOLS + r"\TLS 1.2\Client"


def check_audit(checks, audit, label, state_ok):
    checks.count += 1
    tls12 = audit.get("schannel", {}).get("tls1.2", {})
    if audit.get("source", {}).get("kind") != "live" or not state_ok(tls12.get("state")):
        checks.failures.append(f"{label} registry audit tls1.2: {tls12}")
    log(f"  {label} registry audit tls1.2: state {tls12.get('state')}, offered {tls12.get('offered')}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()

    checks = Checks()
    with wine_session(), Servers(args.source) as servers:
        port = servers.openssl("-tls1_2")
        target = [f"127.0.0.1:{port}"]
        # SChannel reads the key once per process: every probe below is a new process.
        wine("reg", "add", KEY, "/v", "Enabled", "/t", "REG_DWORD", "/d", "0", "/f")
        try:
            log(r"TLS 1.2\Client Enabled=0")
            results = probe(args.exe, target, "schannel,raw", "tls1.2")
            audit = run_json(args.exe, "registry", "--format", "json")
        finally:
            wine("reg", "delete", KEY, "/v", "Enabled", "/f")
        checks.cell(results, port, "schannel", "tls1.2", "disabled", status="unsupported", message_has="TLS 1.2\\Client",
                    **{"class": "local"})
        checks.cell(results, port, "raw", "tls1.2", "disabled", status="accepted", negotiated="tls1.2")

        # The audit reads the same key live, through the Windows registry API.
        check_audit(checks, audit, "disabled", lambda state: state == "disabled")

        log(r"TLS 1.2\Client Enabled removed")
        results = probe(args.exe, target, "schannel,raw", "tls1.2")
        audit = run_json(args.exe, "registry", "--format", "json")
        check_audit(checks, audit, "restored", lambda state: state != "disabled")
        checks.cell(results, port, "schannel", "tls1.2", "restored", status="accepted", negotiated="tls1.2")
        checks.cell(results, port, "raw", "tls1.2", "restored", status="accepted", negotiated="tls1.2")
    checks.finish()


if __name__ == "__main__":
    main()
