#!/usr/bin/python3
"""Benchmark: the full version matrix against N local nginx servers.

Prints attempts, wall time, attempts/s and the probe's peak RSS. nginx is used because it
serves many connections at once (openssl s_server serves one at a time). Loopback only;
nginx is started here and stopped here.
"""
import argparse, json, os, resource, shutil, signal, socket, subprocess, sys, tempfile, time

PROTOCOL_SETS = ["TLSv1.2 TLSv1.3", "TLSv1.2", "TLSv1 TLSv1.1 TLSv1.2", "TLSv1.3", "TLSv1"]


def free_ports(n):
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def wait_listening(port, deadline):
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tlsprobe", default=os.path.join(os.path.dirname(__file__), "..", "build", "prober", "tlsprobe"))
    ap.add_argument("--servers", type=int, nargs="+", default=[10, 50, 100])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="tlsprobe-bench-")
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-days", "2", "-keyout", f"{work}/key.pem", "-out", f"{work}/cert.pem"],
                       check=True, capture_output=True)
        print(f"{'servers':>8} {'attempts':>9} {'wall s':>8} {'attempts/s':>11} {'peak RSS MiB':>13}")
        for n in args.servers:
            run_one(args, work, n)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_one(args, work, n):
    ports = free_ports(n)
    blocks = "\n".join(
        f"server {{ listen 127.0.0.1:{p} ssl; ssl_certificate {work}/cert.pem; ssl_certificate_key {work}/key.pem;"
        f" ssl_protocols {PROTOCOL_SETS[i % len(PROTOCOL_SETS)]}; ssl_ciphers DEFAULT:@SECLEVEL=0;"
        f" location / {{ return 200; }} }}" for i, p in enumerate(ports))
    conf = f"""worker_processes 1; daemon off; master_process off; pid {work}/nginx.pid;
error_log {work}/error.log crit; events {{ worker_connections 4096; }}
http {{ access_log off; client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp;
fastcgi_temp_path {work}/tmp; uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
{blocks} }}"""
    with open(f"{work}/nginx.conf", "w") as f:
        f.write(conf)
    nginx = subprocess.Popen(["nginx", "-c", f"{work}/nginx.conf", "-p", work, "-e", f"{work}/error.log"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        if not all(wait_listening(p, deadline) for p in ports):
            sys.exit("nginx did not start: " + open(f"{work}/error.log").read())
        best = None
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.monotonic()
            out = subprocess.run([args.tlsprobe, "probe", "--format", "json", "--timeout", "5s",
                                  *[f"127.0.0.1:{p}" for p in ports]], capture_output=True, check=True, timeout=120)
            wall = time.monotonic() - start
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, max over children so far
            attempts = json.loads(out.stdout)["summary"]["attempts"]
            if best is None or wall < best[1]:
                best = (attempts, wall, max(rss, before))
        attempts, wall, rss = best
        print(f"{n:>8} {attempts:>9} {wall:>8.3f} {attempts / wall:>11.0f} {rss / 1024:>13.1f}")
    finally:
        nginx.send_signal(signal.SIGTERM)
        try:
            nginx.wait(timeout=5)
        except subprocess.TimeoutExpired:
            nginx.kill()


if __name__ == "__main__":
    main()
