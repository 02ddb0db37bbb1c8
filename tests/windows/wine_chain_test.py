#!/usr/bin/python3
"""The schannel backend's certificate report under Wine, for a real three-certificate chain.

A throw-away PKI (root "tlsprobe Test Root CA", RSA 2048 -> intermediate, EC P-256 -> leaf,
RSA 2048, for localhost and 127.0.0.1; fixed serials) made with the openssl CLI, served by `openssl s_server` pinned to
TLS 1.2 with the intermediate and the root after the leaf. Asserted from the exe's JSON:

- with --ca-file root.pem and --sni localhost: `certificate.chain` is leaf, intermediate, root
  in that order, each certificate described as `openssl x509` sees it, the name matches and
  CryptoAPI trusts the chain;
- from a catalog naming 127.0.0.1 (a target with a cloud): a `certificate.inspection` finding
  naming the test root, as for a TLS-inspecting proxy's chain;
- with --sni wrong.example: `hostname_matches` false and a `certificate.hostname_mismatch`.
"""
import argparse
import calendar
import json
import os
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wine_harness import Checks, Servers, free_port, log, run_json, wine_session  # noqa: E402

ROOT_CN = "tlsprobe Test Root CA"
INTERMEDIATE_CN = "tlsprobe Test Intermediate CA"
ORG = "tlsprobe tests"
# Fixed serials; the leaf's has its top bit set, so DER adds a sign byte nobody may print.
SERIALS = {"root": "0x1001", "intermediate": "0x2002", "leaf": "0x8F00C0FFEE1234"}
EXTENSIONS = """\
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""


def openssl(*args, cwd):
    result = subprocess.run(["openssl", *args], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"openssl {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def der_element(data, at):
    """(tag, content start, content end) of the DER element at `at`."""
    tag, length, at = data[at], data[at + 1], at + 2
    if length & 0x80:
        count = length & 0x7F
        length, at = int.from_bytes(data[at:at + count], "big"), at + count
    return tag, at, at + length


def ecdsa_rs_sizes(pem_text):
    """The byte lengths of r and s in a certificate's ECDSA signature, as DER INTEGER contents."""
    der = ssl.PEM_cert_to_DER_cert(pem_text)
    _, at, _ = der_element(der, 0)              # Certificate ::= SEQUENCE {
    _, _, at = der_element(der, at)             #   tbsCertificate
    _, _, at = der_element(der, at)             #   signatureAlgorithm
    _, bits, _ = der_element(der, at)           #   signatureValue BIT STRING }
    _, at, _ = der_element(der, bits + 1)       # (unused-bits byte) Ecdsa-Sig-Value ::= SEQUENCE {
    _, r_start, r_end = der_element(der, at)    #   r INTEGER
    _, s_start, s_end = der_element(der, r_end)  #  s INTEGER }
    return r_end - r_start, s_end - s_start


class Pki:
    """Root (RSA 2048), intermediate (EC P-256) and leaf (RSA 2048) in `directory`, and what
    `openssl x509` says of each."""

    def __init__(self, directory):
        self.dir = directory
        write(os.path.join(directory, "ext.cnf"), EXTENSIONS)
        self._key("root", "rsa")
        openssl("req", "-new", "-key", "root.key", "-subj", f"/O={ORG}/CN={ROOT_CN}", "-out", "root.csr", cwd=directory)
        openssl("x509", "-req", "-in", "root.csr", "-signkey", "root.key", "-sha256", "-days", "730",
                "-set_serial", SERIALS["root"], "-extfile", "ext.cnf", "-extensions", "root", "-out", "root.pem",
                cwd=directory)
        self._key("intermediate", "ec")
        self._sign("intermediate", f"/O={ORG}/CN={INTERMEDIATE_CN}", "root", 365)
        self._key("leaf", "rsa")
        self._sign("leaf", "/CN=localhost", "intermediate", 90)
        # The intermediate's key is EC so the chain also covers the EC description, which makes
        # the leaf's signature ECDSA, and Wine 8.0's crypt32 turns the DER (r, s) into r||s for
        # BCryptVerifySignature without left-padding a short r or s to the curve's 32 bytes. So a
        # valid signature whose r or s has a zero top byte (about 1 in 128) fails: `verified`
        # false, TRUST_E_CERT_SIGNATURE (0x80096004). Seen here with r of 31 bytes and with s of
        # 31 bytes; every full-width signature (r, s of 32 or 33 bytes with the sign byte)
        # verified. Windows verifies such signatures, and so does a later Wine (it pads both to
        # the longer one). OpenSSL's ECDSA is randomized: the leaf is signed again, same request
        # and serial, until r and s are both full width. The RSA signatures have no such case.
        for _ in range(64):  # about (1/64)^64 to run out: never
            if min(ecdsa_rs_sizes(self.read("leaf.pem"))) >= 32:
                break
            self._sign("leaf", "/CN=localhost", "intermediate", 90, new_request=False)
        else:
            raise AssertionError(f"no leaf signature with full-width r and s: {ecdsa_rs_sizes(self.read('leaf.pem'))}")
        write(os.path.join(directory, "chain.pem"), self.read("intermediate.pem") + self.read("root.pem"))
        self.path = {name: os.path.join(directory, f"{name}.pem") for name in ("root", "intermediate", "leaf", "chain")}
        self.key = os.path.join(directory, "leaf.key")

    def read(self, name):
        with open(os.path.join(self.dir, name)) as f:
            return f.read()

    def _key(self, name, kind):
        options = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"] if kind == "ec" else \
            ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
        openssl("genpkey", *options, "-out", f"{name}.key", cwd=self.dir)

    def _sign(self, name, subject, issuer, days, new_request=True):
        if new_request:
            openssl("req", "-new", "-key", f"{name}.key", "-subj", subject, "-out", f"{name}.csr", cwd=self.dir)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{issuer}.pem", "-CAkey", f"{issuer}.key", "-sha256",
                "-days", str(days), "-set_serial", SERIALS[name], "-extfile", "ext.cnf", "-extensions", name,
                "-out", f"{name}.pem", cwd=self.dir)

    def x509(self, name, *fields):
        """`openssl x509 -noout -FIELD` for one certificate: {field: value}."""
        out = openssl("x509", "-in", self.path[name], "-noout", *[f"-{f}" for f in fields], cwd=self.dir)
        values = {}
        for line in out.splitlines():
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
        return values


def iso_utc(openssl_date):
    """"Nov 29 08:50:00 2026 GMT" (openssl x509 -enddate) as the JSON's 2026-11-29T08:50:00Z."""
    seconds = calendar.timegm(time.strptime(openssl_date, "%b %d %H:%M:%S %Y %Z"))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class ChainServers(Servers):
    """The harness's server bookkeeping (own process group, stopped on exit), our own PKI."""

    def __enter__(self):
        return self  # no harness self-signed certificate: Pki makes the ones served here

    def chain_server(self, pki):
        port = free_port()
        argv = ["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert", pki.path["leaf"], "-key", pki.key,
                "-cert_chain", pki.path["chain"], "-www", "-tls1_2"]
        return self._start("s_server-chain", argv, port)


def schannel_cell(checks, report, port, label):
    """The one schannel tls1.2 result of `report`, asserted accepted; None otherwise."""
    results = {(r["port"], r["backend"], r["version"]): r for r in report["results"]}
    r = checks.cell(results, port, "schannel", "tls1.2", label, status="accepted", negotiated="tls1.2")
    return r if r and r["status"] == "accepted" else None


def expect(checks, where, got, want):
    checks.count += 1
    if got != want:
        checks.failures.append(f"{where} is {got!r}, want {want!r}")
        log(f"  FAIL {where}: {got!r}, want {want!r}")
        return False
    return True


def check_chain(checks, r, label, pki):
    cert = r.get("certificate") or {}
    chain = cert.get("chain") or []
    log(f"  {label}: chain " + " -> ".join(c.get("subject") or "?" for c in chain))
    if not expect(checks, f"{label}: chain length", len(chain), 3):
        log(json.dumps(chain, indent=2))
        return
    # Windows' CertNameToStr form, most specific RDN first (README "Certificates and TLS inspection").
    want = {
        "leaf": {"subject": "CN=localhost", "issuer": f"CN={INTERMEDIATE_CN}, O={ORG}", "key_type": "RSA",
                 "key_bits": 2048, "key_curve": None, "san_dns": ["localhost"], "san_ip": ["127.0.0.1"],
                 "self_signed": False},
        "intermediate": {"subject": f"CN={INTERMEDIATE_CN}, O={ORG}", "issuer": f"CN={ROOT_CN}, O={ORG}",
                         "key_type": "EC", "key_bits": 256, "key_curve": "P-256", "san_dns": [], "san_ip": [],
                         "self_signed": False},
        "root": {"subject": f"CN={ROOT_CN}, O={ORG}", "issuer": f"CN={ROOT_CN}, O={ORG}", "key_type": "RSA",
                 "key_bits": 2048, "key_curve": None, "san_dns": [], "san_ip": [], "self_signed": True},
    }
    for index, name in enumerate(("leaf", "intermediate", "root")):
        seen = pki.x509(name, "serial", "startdate", "enddate")
        fields = dict(want[name], serial=seen["serial"].upper(), not_before=iso_utc(seen["notBefore"]),
                      not_after=iso_utc(seen["notAfter"]))
        for key, value in fields.items():
            expect(checks, f"{label}: chain[{index}] ({name}).{key}", chain[index].get(key), value)
    expect(checks, f"{label}: certificate.subject", cert.get("subject"), "CN=localhost")
    expect(checks, f"{label}: certificate.not_after", cert.get("not_after"), chain[0].get("not_after"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exe", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()

    checks = Checks()
    started = time.monotonic()
    with wine_session(), ChainServers(args.source) as servers:
        pki = Pki(servers.dir)
        port = servers.chain_server(pki)
        target = f"127.0.0.1:{port}"
        log(f"chain server on {target}: leaf -> {INTERMEDIATE_CN} -> {ROOT_CN}")
        catalog = os.path.join(servers.dir, "catalog.toml")
        write(catalog, "\n".join([
            "[[endpoint]]",
            'host = "127.0.0.1"',
            f"port = {port}",
            'cloud = "public"',
            'group = "*.blob.core.windows.net"',
            'purpose = "a loopback stand-in for an Azure endpoint behind a TLS-inspecting proxy"',
            "",
        ]))
        common = ["--backend", "schannel", "--versions", "tls1.2", "--format", "json"]
        trusted = run_json(args.exe, "probe", target, *common, "--sni", "localhost", "--ca-file", pki.path["root"])
        inspected = run_json(args.exe, "probe", "--catalog", catalog, *common, "--sni", "localhost")
        wrong = run_json(args.exe, "probe", target, *common, "--sni", "wrong.example", "--ca-file", pki.path["root"])

        # 1. The trusted chain, described in full and in order.
        log("--ca-file root.pem --sni localhost")
        r = schannel_cell(checks, trusted, port, "--sni localhost")
        if r:
            check_chain(checks, r, "--sni localhost", pki)
            cert = r.get("certificate") or {}
            expect(checks, "--sni localhost: hostname_matches", cert.get("hostname_matches"), True)
            expect(checks, "--sni localhost: verified", cert.get("verified"), True)
            expect(checks, "--sni localhost: certificate_findings", trusted.get("certificate_findings"), [])

        # 2. The same chain for a catalog endpoint: it ends at a root Azure does not use.
        log("--catalog (cloud public) --sni localhost")
        r = schannel_cell(checks, inspected, port, "--catalog")
        if r:
            check_chain(checks, r, "--catalog", pki)
            expect(checks, "--catalog: cloud", r.get("cloud"), "public")
            cert = r.get("certificate") or {}
            expect(checks, "--catalog: hostname_matches", cert.get("hostname_matches"), True)
            # No --ca-file: the prefix's store (Wine fills it from the host's) lacks the test root,
            # as a proxy's root is missing where nobody deployed it.
            expect(checks, "--catalog: verified", cert.get("verified"), False)
            expect(checks, "--catalog: verify_error", cert.get("verify_error"), "CERT_E_UNTRUSTEDROOT (0x800B0109)")
        ids = [f.get("id") for f in inspected.get("certificate_findings") or []]
        log(f"  findings: {json.dumps(inspected.get('certificate_findings'))}")
        inspection = [f for f in inspected.get("certificate_findings") or [] if f.get("id") == "certificate.inspection"]
        if expect(checks, "--catalog: certificate.inspection findings", len(inspection), 1):
            f = inspection[0]
            expect(checks, "--catalog: certificate.inspection severity", f.get("severity"), "warning")
            expect(checks, "--catalog: certificate.inspection backend", f.get("backend"), "schannel")
            checks.count += 1
            if f"likely TLS inspection by {ROOT_CN}" not in (f.get("message") or ""):
                checks.failures.append(f"--catalog: certificate.inspection message does not name {ROOT_CN}: {f}")
        expect(checks, "--catalog: certificate.hostname_mismatch raised", "certificate.hostname_mismatch" in ids, False)

        # 3. A name the leaf does not have.
        log("--ca-file root.pem --sni wrong.example")
        r = schannel_cell(checks, wrong, port, "--sni wrong.example")
        if r:
            cert = r.get("certificate") or {}
            expect(checks, "--sni wrong.example: hostname_matches", cert.get("hostname_matches"), False)
            # The chain is trusted (--ca-file): the SSL policy's one error is the name.
            expect(checks, "--sni wrong.example: verified", cert.get("verified"), False)
            expect(checks, "--sni wrong.example: verify_error", cert.get("verify_error"),
                   "CERT_E_CN_NO_MATCH (0x800B010F)")
            check_chain(checks, r, "--sni wrong.example", pki)
        log(f"  findings: {json.dumps(wrong.get('certificate_findings'))}")
        mismatch = [f for f in wrong.get("certificate_findings") or [] if f.get("id") == "certificate.hostname_mismatch"]
        if expect(checks, "--sni wrong.example: certificate.hostname_mismatch findings", len(mismatch), 1):
            expect(checks, "--sni wrong.example: certificate.hostname_mismatch message", mismatch[0].get("message"),
                   "certificate is not valid for wrong.example: it names localhost, 127.0.0.1")
        # Not a catalog target: no cloud, so no inspection finding.
        expect(checks, "--sni wrong.example: certificate.inspection raised",
               any(f.get("id") == "certificate.inspection" for f in wrong.get("certificate_findings") or []), False)
    log(f"done in {time.monotonic() - started:.1f} s")
    checks.finish()


if __name__ == "__main__":
    main()
