"""What the Wine drivers share: a Wine session, real servers on 127.0.0.1, and the exe's JSON.

Standard library only; run with Debian's /usr/bin/python3. Every server is started in its
own process group with PR_SET_PDEATHSIG(SIGKILL) and stopped when the `Servers` context
ends, so none outlives the driver even when an assertion fails or CTest kills it.
"""
import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PR_SET_PDEATHSIG = 1
SCHANNEL_PROTOCOLS = r"HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols"
# DESIGN.md: without these a console program waits on Wine's debug output and Mono/Gecko prompts.
WINE_ENV = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}


def log(message):
    print(message, flush=True)


def _die_with_parent():
    # The servers must not outlive us, whatever kills us (tests/support does the same).
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def wine_env():
    env = dict(os.environ)
    env.update(WINE_ENV)
    return env


@contextlib.contextmanager
def wine_session():
    """The Wine prefix to run in. tests/windows/with-wine prepares one for the whole CTest
    run; a driver started on its own makes a throw-away prefix and stops its wineserver."""
    if os.environ.get("TLSPROBE_WINE_READY") == "1" and os.environ.get("WINEPREFIX"):
        yield
        return
    prefix = tempfile.mkdtemp(prefix="tlsprobe-wine-")
    os.environ["WINEPREFIX"] = prefix
    env = wine_env()
    # A persistent wineserver first: otherwise each wine call waits for Wine's services, and
    # a wineserver started by a captured wine call holds the pipe open after it (DESIGN.md).
    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    try:
        subprocess.run(["wineserver", "--persistent=120"], check=True, timeout=30, **quiet)
        subprocess.run(["wineboot", "-i"], check=True, timeout=180, **quiet)
        yield
    finally:
        subprocess.run(["wineserver", "-k"], timeout=30, **quiet)
        shutil.rmtree(prefix, ignore_errors=True)


def wine(*args, timeout=60):
    """A Wine command (reg add ...); raises when it fails."""
    result = subprocess.run(["wine", *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            env=wine_env(), timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"wine {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def run_json(exe, *args):
    """Runs tlsprobe.exe under Wine and returns its JSON; exit 1 (a finding) is a result too."""
    started = time.monotonic()
    result = subprocess.run(["wine", exe, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            env=wine_env(), timeout=180)
    log(f"tlsprobe.exe {' '.join(args)}: exit {result.returncode} in {time.monotonic() - started:.1f} s")
    if result.returncode not in (0, 1):
        raise AssertionError(f"tlsprobe.exe exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as e:
        # Where the report stops being JSON and what follows: the bytes say who wrote them.
        raise AssertionError(f"tlsprobe.exe {' '.join(args)}: stdout is not one JSON document ({e}); "
                             f"{len(result.stdout)} chars, around the error: {result.stdout[max(0, e.pos - 200):e.pos + 300]!r}; "
                             f"stderr: {result.stderr[-500:]!r}") from None


def probe(exe, targets, backends, versions=None, extra=()):
    """`tlsprobe.exe probe --format json`; returns {(port, backend, version): result}."""
    args = ["probe", *targets, "--backend", backends, "--format", "json", *extra]
    if versions:
        args += ["--versions", versions]
    report = run_json(exe, *args)
    return {(r["port"], r["backend"], r["version"]): r for r in report["results"]}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, log_path, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server on port {port} exited {process.returncode}:\n{open(log_path).read()}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"server on port {port} did not listen within {seconds} s:\n{open(log_path).read()}")


class Servers:
    """Real servers on 127.0.0.1 for one driver; all stopped when the `with` block ends."""

    def __init__(self, source_dir):
        self.source_dir = source_dir
        self.dir = tempfile.mkdtemp(prefix="tlsprobe-wine-servers-")
        self.processes = []
        self.cert = os.path.join(self.dir, "cert.pem")
        self.key = os.path.join(self.dir, "key.pem")

    def __enter__(self):
        # RSA 2048 / SHA-256 for localhost and 127.0.0.1, as the Linux integration tests use.
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-days", "2", "-nodes",
                        "-keyout", self.key, "-out", self.cert, "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                       check=True, capture_output=True, timeout=60)
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=3)
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def _start(self, name, argv, port):
        log_path = os.path.join(self.dir, f"{name}-{port}.log")
        with open(log_path, "w") as out:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True, preexec_fn=_die_with_parent)
        self.processes.append(process)
        wait_for_port(port, process, log_path)
        return port

    def openssl(self, *flags):
        """`openssl s_server -www` with the given protocol flags; returns its port."""
        port = free_port()
        argv = ["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert", self.cert, "-key", self.key, "-www",
                *flags]
        return self._start("s_server", argv, port)

    def scripted(self, mode):
        """tests/servers/scripted_server.py in `mode`; it also stops itself after 5 minutes."""
        port = free_port()
        script = os.path.join(self.source_dir, "tests", "servers", "scripted_server.py")
        argv = ["/usr/bin/python3", script, "--mode", mode, "--port", str(port), "--lifetime", "300", "--idle", "120"]
        return self._start(f"scripted-{mode}", argv, port)


class Checks:
    """Collects every failed cell before failing, so one run shows the whole picture."""

    def __init__(self):
        self.failures = []
        self.count = 0

    def cell(self, results, port, backend, version, label, **expected):
        self.count += 1
        r = results.get((port, backend, version))
        where = f"{label} {backend} {version}"
        if r is None:
            self.failures.append(f"{where}: no result")
            return None
        error = r.get("error") or {}
        got = {"status": r["status"], "negotiated": r["negotiated"]}
        got.update({k: error.get(k) for k in ("class", "alert", "errno", "winsock", "sec_status", "offered", "phase")})
        wrong = {k: (got.get(k), v) for k, v in expected.items() if k in got and got.get(k) != v}
        reason = expected.get("message_has")
        if reason and reason not in (error.get("message") or ""):
            wrong["message"] = (error.get("message"), f"... {reason} ...")
        shown = f"{r['status']}" + (f" {error.get('class')}" if error.get("class") else "")
        if wrong:
            self.failures.append(f"{where}: " + "; ".join(f"{k} is {g!r}, want {w!r}" for k, (g, w) in wrong.items()))
            log(f"  FAIL {where}: {shown} {json.dumps(error)}")
        else:
            log(f"  ok   {where}: {shown} " + json.dumps({k: v for k, v in got.items() if v is not None}))
        return r

    def finish(self):
        log(f"{self.count} cells checked, {len(self.failures)} wrong")
        for f in self.failures:
            log(f"FAILED {f}")
        sys.exit(1 if self.failures else 0)
