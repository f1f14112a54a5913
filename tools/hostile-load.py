#!/usr/bin/python3
"""Hostile-peer load test of a real myopenipd (not part of the test suite: it takes a minute).

    swift build -c release --product myopenipd
    /usr/bin/python3 tools/hostile-load.py [--daemon .build/release/myopenipd] [--peers 100] [--idle 2000]

It starts the daemon on a temporary folder and measures a well-behaved operator client (Health/
Check, one call at a time over the Unix socket) while hostile peers do their worst:

1. `--peers` anonymous TCP peers pipeline the public ReflectionService/ListServices and never
   read an answer;
2. `--idle` TCP connections are opened and left idle;
3. the daemon is restarted with an open-file limit of 128 (soft and hard), and 400 connections
   are opened: past the limit, the daemon must neither spin nor shut out the operator.

For each phase it prints the operator's p50/p99 latency and calls/s, the daemon's resident
memory and CPU, then, after the peers leave, how long until the operator's p99 is back within
2x of its baseline. The targets (issue "Hostile peers"): p99 within 2x of the baseline, RSS under
150 MB, back to baseline within 1 s.
"""
import argparse
import json
import multiprocessing
import os
import resource
import socket
import struct
import subprocess
import sys
import tempfile
import time

HEADER = struct.Struct(">IIBB")


def field(number, payload):
    """A length-delimited protobuf field."""
    key = bytes([(number << 3) | 2])
    length = len(payload)
    varint = b""
    while True:
        byte = length & 0x7F
        length >>= 7
        varint += bytes([byte | (0x80 if length else 0)])
        if not length:
            return key + varint + payload


def request(service, method):
    return field(1, service.encode()) + field(2, method.encode())


HEALTH = request("grpc.health.v1.Health", "Check")
LIST_SERVICES = request("myopenip.v1.ReflectionService", "ListServices")


def frame(stream_id, body):
    return HEADER.pack(len(body), stream_id, 1, 0) + body


def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


class Daemon:
    def __init__(self, executable, nofile=None):
        self.folder = tempfile.mkdtemp(prefix="myopenip-load-")
        os.chmod(self.folder, 0o700)
        self.socket_path = os.path.join(self.folder, "d.sock")
        ready = os.path.join(self.folder, "ready.json")

        def limit():
            if nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

        self.process = subprocess.Popen(
            [executable, "--data-dir", self.folder, "--socket", self.socket_path, "--listen", "127.0.0.1:0",
             "--ready-file", ready, "--log-level", "error"],
            preexec_fn=limit, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            if os.path.exists(ready) and os.path.getsize(ready) > 0:
                break
            time.sleep(0.05)
        with open(ready) as f:
            addresses = json.load(f)
        tcp = addresses.get("tcp") or addresses.get("tcp_address") or ""
        self.port = int(str(tcp).rsplit(":", 1)[-1])

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def measure(daemon, seconds):
    """Sequential Health/Check calls over the Unix socket: (p50 µs, p99 µs, calls/s)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(daemon.socket_path)
    latencies = []
    stream_id = 1
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            start = time.perf_counter()
            s.sendall(frame(stream_id, HEALTH))
            length, _, _, _ = HEADER.unpack(read_exact(s, HEADER.size))
            read_exact(s, length)
            latencies.append((time.perf_counter() - start) * 1e6)
            stream_id += 2
    except (OSError, ConnectionError):
        pass
    finally:
        s.close()
    if not latencies:
        return (float("inf"), float("inf"), 0.0)
    latencies.sort()
    return (latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            len(latencies) / seconds)


def back_to_baseline(daemon, baseline_p99, limit=30.0):
    """Seconds after the peers left until a 0.2 s window's p99 is within 2x of the baseline."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        _, p99, _ = measure(daemon, 0.2)
        if p99 <= 2 * baseline_p99:
            return time.monotonic() - start
    return float("inf")


class NonReadingPeers:
    """Peers that pipeline requests as fast as the daemon takes them and never read, from a
    process of their own, so that the measuring client does not share an interpreter with them."""

    def __init__(self, port, count):
        self.stop = multiprocessing.Event()
        self.sent = multiprocessing.Value("q", 0)
        self.process = multiprocessing.Process(target=self.main, args=(port, count), daemon=True)
        self.process.start()

    def main(self, port, count):
        self.sockets = []
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port))
            s.setblocking(False)
            self.sockets.append(s)
        self.run(self.sockets)
        for s in self.sockets:
            s.close()

    def run(self, sockets):
        payload = b"".join(frame(2 * i + 1, LIST_SERVICES) for i in range(64))
        pending = {s: payload for s in sockets}
        while not self.stop.is_set():
            progress = False
            for s in list(pending):
                try:
                    n = s.send(pending[s])
                    progress = True
                    with self.sent.get_lock():
                        self.sent.value += n // len(frame(1, LIST_SERVICES))
                    rest = pending[s][n:]
                    pending[s] = rest if rest else payload
                except BlockingIOError:
                    pass
                except OSError:
                    del pending[s]
            if not progress:
                time.sleep(0.01)

    def close(self):
        self.stop.set()
        self.process.join(30)


def open_idle(port, count):
    connections = []
    for _ in range(count):
        try:
            connections.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        except OSError:
            break
    return connections


def phase(name, daemon, seconds, baseline):
    cpu_before = daemon.cpu_seconds()
    p50, p99, rate = measure(daemon, seconds)
    cpu = (daemon.cpu_seconds() - cpu_before) / seconds * 100
    rss = daemon.rss_mb()
    ratio = p99 / baseline[1] if baseline else 1.0
    print(f"{name:<44} p50 {p50:8.0f} µs  p99 {p99:8.0f} µs ({ratio:4.1f}x)  {rate:8.0f}/s  "
          f"RSS {rss:6.1f} MB  CPU {cpu:5.0f} %")
    sys.stdout.flush()
    return (p50, p99, rate, rss, cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--daemon", default=".build/release/myopenipd")
    parser.add_argument("--peers", type=int, default=100)
    parser.add_argument("--idle", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=4)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    daemon = Daemon(args.daemon)
    try:
        time.sleep(0.5)
        baseline = phase("baseline (no other peer)", daemon, args.seconds, None)

        peers = NonReadingPeers(daemon.port, args.peers)
        time.sleep(1)
        phase(f"{args.peers} peers pipelining, never reading", daemon, args.seconds, baseline)
        print(f"{'':<44} the peers got {peers.sent.value} requests into the socket buffers")
        peers.close()
        settle = back_to_baseline(daemon, baseline[1])
        print(f"{'peers gone':<44} back within 2x of the baseline p99 in {settle:.2f} s; RSS {daemon.rss_mb():.1f} MB")

        idle = open_idle(daemon.port, args.idle)
        time.sleep(1)
        phase(f"{len(idle)} idle connections opened", daemon, args.seconds, baseline)
        for s in idle:
            s.close()
        settle = back_to_baseline(daemon, baseline[1])
        print(f"{'idle connections closed':<44} back within 2x of the baseline p99 in {settle:.2f} s; "
              f"RSS {daemon.rss_mb():.1f} MB")
    finally:
        daemon.stop()

    limited = Daemon(args.daemon, nofile=128)
    try:
        time.sleep(0.5)
        base = phase("open-file limit 128: baseline", limited, args.seconds, None)
        crowd = open_idle(limited.port, 400)
        time.sleep(1)
        phase(f"open-file limit 128: {len(crowd)} connections tried", limited, args.seconds, base)
        for s in crowd:
            s.close()
    finally:
        limited.stop()


if __name__ == "__main__":
    main()
