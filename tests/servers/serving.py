"""The accept loop both scripted servers share: loopback only, one thread per connection
(at most `max_connections` at once, the rest closed at once), and an end by itself after
`lifetime` seconds, or `idle` seconds without a new connection. Standard library only."""
import socket
import struct
import sys
import threading
import time

_log_lock = threading.Lock()


def log(message):
    # One write per line under a lock: print() writes the text and its newline separately, and
    # connection threads logging at once interleaved them (a test reading logged hellos broke).
    line = f"{time.strftime('%H:%M:%S')} {message}\n"
    with _log_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


def recv_exact(sock, count, deadline):
    """Up to `count` bytes, fewer when the client closes or the deadline passes."""
    data = b""
    while len(data) < count:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(count - len(data))
        except (socket.timeout, OSError):
            break
        if not chunk:
            break
        data += chunk
    return data


def abort(sock):
    """SO_LINGER {on, 0}: close() sends RST instead of FIN, the middlebox behaviour that
    Linux reports as ECONNRESET 104 and Windows as WSAECONNRESET 10054."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def serve_one(handle, conn, peer, args, deadline, slots):
    try:
        handle(conn, peer, args, deadline)
    except Exception as error:  # one bad connection must never take the server down
        log(f"{peer}: {type(error).__name__}: {error}")
        try:
            conn.close()
        except OSError:
            pass
    finally:
        slots.release()


def accept_loop(listener, args, handle, max_connections):
    """Calls handle(conn, peer_text, args, end) on a thread of its own for each connection,
    whatever it raises. Returns when the lifetime or idle limit is reached, and closes the
    listener."""
    listener.settimeout(0.25)
    start = time.monotonic()
    end = start + args.lifetime
    last_connection = start
    slots = threading.BoundedSemaphore(max_connections)
    while True:
        now = time.monotonic()
        if now >= end or now - last_connection >= args.idle:
            break
        try:
            conn, peer = listener.accept()
        except socket.timeout:
            continue
        except OSError as error:
            log(f"accept: {error}")
            time.sleep(0.05)
            continue
        last_connection = time.monotonic()
        if not slots.acquire(blocking=False):
            conn.close()
            continue
        peer_text = f"{peer[0]}:{peer[1]}"
        threading.Thread(target=serve_one, args=(handle, conn, peer_text, args, end, slots), daemon=True).start()
    log("lifetime or idle limit reached, exiting")
    listener.close()
