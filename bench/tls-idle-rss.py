#!/usr/bin/env python3
"""Server memory per idle WebSocket connection, plain (ws://) and TLS (wss://).

Starts collab-server twice (plain, then with a throw-away certificate made with the openssl
binary), opens N WebSocket connections to each (upgrade done, then idle), and prints one JSON line
per mode with the server's RSS growth per connection.

    bench/tls-idle-rss.py [BUILD_DIR] [N]     (default: build, 400; the demo setup allows 500 per address)
"""
import base64
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 400
SERVER = os.path.join(BUILD, "bin", "collab-server")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(work, port, tls_args):
    data = os.path.join(work, f"data-{port}")
    os.makedirs(data)
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen([SERVER, "--listen", f"127.0.0.1:{port}", "--data", data] + tls_args,
                            stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"collab-server did not start on port {port}")


def upgrade(port, context):
    raw = socket.create_connection(("127.0.0.1", port))
    sock = context.wrap_socket(raw, server_hostname="127.0.0.1") if context else raw
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise SystemExit("connection closed during the upgrade")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise SystemExit(f"upgrade refused: {head[:80]!r}")
    return sock


def measure(mode, port, proc, context):
    time.sleep(0.5)
    before = rss_kib(proc.pid)
    t0 = time.monotonic()
    socks = [upgrade(port, context) for _ in range(N)]
    seconds = time.monotonic() - t0
    time.sleep(1.0)  # let the server settle (deferred deletes, buffers released after the flush)
    after = rss_kib(proc.pid)
    print(json.dumps({"mode": mode, "connections": N, "connect_s": round(seconds, 2),
                      "server_rss_kib_before": before, "server_rss_kib_after": after,
                      "bytes_per_connection": round((after - before) * 1024 / N)}), flush=True)
    for s in socks:
        s.close()


def main():
    with tempfile.TemporaryDirectory() as work:
        key, cert = os.path.join(work, "key.pem"), os.path.join(work, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        context = ssl.create_default_context(cafile=cert)
        for mode, args, ctx in (("ws", [], None), ("wss", ["--tls-cert", cert, "--tls-key", key], context)):
            port = free_port()
            proc = start(work, port, args)
            try:
                measure(mode, port, proc, ctx)
            finally:
                proc.terminate()
                proc.wait()


if __name__ == "__main__":
    main()
