"""What scripts/demo.sh adds before the helper starts (a script, not a test): prints figures.

    .venv/bin/python bench/demo_start.py [--runs 15]

Both sides exit at once on the same argument error, so the only difference is demo.sh's own work
(the install check) before it hands over to the program:
  baseline: .venv/bin/sendocki-helper serve --demo --no-such-flag
  demo.sh:  scripts/demo.sh --no-such-flag
Then, for context, start to first answer of `demo.sh` on a fresh demo folder and on a second
start. Runs with PIP_NO_INDEX=1 and a dead index URL: a start that needed the package index fails.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = str(REPO / ".venv" / "bin" / "sendocki-helper")
DEMO = str(REPO / "scripts" / "demo.sh")
NO_INDEX = {**os.environ, "PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/"}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env=NO_INDEX)
    return time.perf_counter() - started


def first_answer(data_dir: Path) -> float:
    sys.path.insert(0, str(REPO))
    from tests.support import free_port

    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        ["bash", DEMO, "--port", str(port), "--data-dir", str(data_dir), "--create"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=NO_INDEX,
    )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"demo.sh exited with {process.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/ping", timeout=1).close()
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.01)
    finally:
        process.terminate()
        process.wait(15)


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    stamp = REPO / ".venv" / ".sendocki-helper-installed"
    if not stamp.exists():
        subprocess.run(["bash", DEMO, "--no-such-flag"], capture_output=True)  # first install
    baseline, demo = [], []
    for _ in range(runs):  # interleaved: both see the same machine load
        baseline.append(timed([BIN, "serve", "--demo", "--no-such-flag"]))
        demo.append(timed(["bash", DEMO, "--no-such-flag"]))
    print(f"runs: {runs} each, interleaved, package index disabled")
    print(f"baseline (program alone)  {figures(baseline)}")
    print(f"scripts/demo.sh           {figures(demo)}")
    overhead = statistics.median(demo) - statistics.median(baseline)
    print(f"demo.sh's own overhead    median {overhead * 1000:7.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "demo"
        print(f"start to first answer, fresh demo folder: {first_answer(data):.2f} s")
        print(f"start to first answer, second start:      {first_answer(data):.2f} s")


if __name__ == "__main__":
    main()
