"""Load on the web app: the story page of the bundled example under concurrent clients.

Builds a store from `examples/ferry-grounding/`, serves it with uvicorn on 127.0.0.1
(a free port, in a child process) and has ``--clients`` threads fetch the page of its
largest story for ``--seconds``. Prints requests per second and the p50/p95 latency.

Usage: python eval/bench_web.py [--clients 20] [--seconds 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ferry-grounding"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _store(folder: Path) -> tuple[Path, str]:
    from rashomon.options import Options
    from rashomon.store.database import add_inputs, connect

    db = folder / "example.db"
    add_inputs(db, [str(EXAMPLE)], Options(show_progress=False, workers=1))
    conn = connect(db)
    try:
        row = conn.execute("SELECT id FROM stories ORDER BY article_count DESC LIMIT 1")
        story_id = str(row.fetchone()[0])
    finally:
        conn.close()
    return db, story_id


def _wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not come up")


def _client(url: str, stop: float, latencies: list[float], errors: list[int]) -> None:
    with httpx.Client(timeout=30, headers={"accept": "text/html"}) as client:
        while time.monotonic() < stop:
            started = time.perf_counter()
            status = client.get(url).status_code
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)


def run(clients: int, seconds: float) -> dict[str, Any]:
    """Serve the example store and load its biggest story page; the figures."""
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-web-") as tmp:
        db, story_id = _store(Path(tmp))
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "rashomon", "serve", "--db", str(db),
                                   "--port", str(port)], stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/stories/{story_id}"
            _wait_up(url)
            latencies: list[float] = []
            errors: list[int] = []
            stop = time.monotonic() + seconds
            threads = [threading.Thread(target=_client, args=(url, stop, latencies, errors))
                       for _ in range(clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    cuts = statistics.quantiles(latencies, n=100)
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
            "errors": len(errors), "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1)}


def main() -> None:
    """Parse the arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.clients, args.seconds)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"story page, {figures['clients']} clients: {figures['requests_per_s']} req/s, "
              f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms "
              f"({figures['requests']} requests, {figures['errors']} errors)")


if __name__ == "__main__":
    main()
