"""Catalog search benchmark (a script, not a test): prints figures, asserts nothing.

    .venv/bin/python bench/catalog_search.py [--variants 100000]

1. writes a Sendocki template CSV of N generated variants and imports it (index build included),
   then times a full re-index from the tables;
2. starts a real `sendocki-helper serve` on loopback, pairs, and replays typed prefixes of
   realistic queries (typos included) over HTTP with keep-alive: p50 / p95 / p99;
3. in the same run, query by query, times a no-op authenticated route over HTTP (the floor), the
   search service in-process and the raw FTS5 MATCH statement alone, and prints the ratio of the
   HTTP p95 to floor + service.
"""

import argparse
import csv
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from catalog_generator import generate, queries

BIN = str(Path(sys.executable).parent / "sendocki-helper")
COLUMNS = [
    "sku_product",
    "product_name",
    "type",
    "price",
    "cost",
    "images",
    "tags",
    "sku_variant",
    "variant_name",
    "variant_price",
    "variant_cost",
    "stock",
]


def write_csv(path: Path, variants: int) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for product, rows in generate(variants):
            simple = len(rows) == 1 and not rows[0]["attributes"]
            out.writerow(
                [
                    product["sku"],
                    product["name"],
                    "simple" if simple else "variable",
                    product["price"],
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    rows[0]["available"] if simple else "",
                ]
            )
            if simple:
                count += 1
                continue
            for row in rows:
                count += 1
                out.writerow(
                    [
                        product["sku"],
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        row["sku"],
                        row["name"],
                        row["price"] or "",
                        "",
                        row["available"],
                    ]
                )
    return count


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (
        f"p50 {pick(0.50):6.2f} ms   p95 {pick(0.95):6.2f} ms   p99 {pick(0.99):6.2f} ms   "
        f"mean {statistics.fmean(ordered):6.2f} ms   (n={len(ordered)})"
    )


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data: Path, *options: str) -> tuple[subprocess.Popen, int, dict]:
    """Starts the helper on its own port and pairs a client: (process, port, auth headers)."""
    port = free_port()
    process = subprocess.Popen(
        [BIN, "serve", "--rate-limit", "0", "--data-dir", str(data), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(400):
        try:
            connection.request("GET", "/v1/ping")
            connection.getresponse().read()
            break
        except OSError:
            time.sleep(0.05)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    code = (
        subprocess.run(
            [BIN, "pair", "--data-dir", str(data)], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    connection.request(
        "POST",
        "/v1/pairings",
        json.dumps({"code": code, "client_name": "bench"}),
        {"Content-Type": "application/json"},
    )
    token = json.loads(connection.getresponse().read())["token"]
    return process, port, {"Authorization": f"Bearer {token}"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the query sequence")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="catalog-bench-"))
    data = work / "data"
    source = work / "catalog.csv"
    count = write_csv(source, args.variants)
    print(f"catalog: {count} variants in {source}")

    started = time.perf_counter()
    subprocess.run(
        [BIN, "import-catalog", str(source), "--data-dir", str(data), "--create"], check=True
    )
    print(
        f"import of {count} variants (parse, upsert, index, optimize): {time.perf_counter() - started:.1f} s"
    )

    from sendocki_helper.services import catalog_index, catalog_search, catalog_typos
    from sendocki_helper.store.db import open_database
    from sendocki_helper.store.models import database_proxy

    database = open_database(data / "helper.sqlite3")
    started = time.perf_counter()
    catalog_index.rebuild()
    catalog_index.optimize()
    print(
        f"index build from the tables ({count} variants + products): {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    catalog_typos.vocabulary(database)
    print(f"typo vocabulary load: {(time.perf_counter() - started) * 1000:.0f} ms")
    database.close()

    server, port, headers = serve(data)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        typed = queries()

        def get(text):
            connection.request(
                "GET", "/v1/catalog/search?" + urllib.parse.urlencode({"q": text}), headers=headers
            )
            answer = connection.getresponse()
            body = answer.read()
            assert answer.status == 200, body
            return body

        def floor():
            # Authenticated and routed like a search, then refused before any SQL (no filter):
            # the cost every route pays for HTTP, the guards and the hop to the store thread.
            connection.request("GET", "/v1/orders", headers=headers)
            answer = connection.getresponse()
            answer.read()
            assert answer.status == 422

        get("warm up")  # the first search loads the typo vocabulary
        database = open_database(data / "helper.sqlite3")  # a reader beside the server (WAL)
        catalog_search.search("warm up")
        vocab = catalog_typos.vocabulary(database)
        # Interleaved, query by query: a burst of load from elsewhere on the machine hits every
        # measurement alike, so the ratio below holds even when the absolute figures do not.
        http_times, floor_times, service_times, raw_times = [], [], [], []
        for _ in range(args.rounds):
            for text in typed:
                started = time.perf_counter()
                get(text)
                http_times.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                floor()
                floor_times.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                catalog_search.search(text)
                service_times.append((time.perf_counter() - started) * 1000)
                words = [w for w in (catalog_search.tokens(chunk) for chunk in text.split()) if w]
                expression = catalog_search.match_expression(words, vocab)
                started = time.perf_counter()
                catalog_search._ranked(expression, catalog_search.DEFAULT_LIMIT)
                raw_times.append((time.perf_counter() - started) * 1000)
        database.close()
    finally:
        server.terminate()
        server.wait(10)

    del database_proxy
    print(f"queries: {len(typed)} typed prefixes x {args.rounds} rounds")
    print(f"HTTP (loopback, keep-alive):  {percentiles(http_times)}")
    print(f"search service in-process:    {percentiles(service_times)}")
    print(f"raw FTS5 match + rank:        {percentiles(raw_times)}")
    print(f"HTTP floor (no-op route):     {percentiles(floor_times)}")
    p95 = {
        name: pick95(times)
        for name, times in (
            ("http", http_times),
            ("floor", floor_times),
            ("service", service_times),
        )
    }
    ratio = p95["http"] / (p95["floor"] + p95["service"])
    print(
        f"search p95 {p95['http']:.2f} ms = {ratio:.2f} x (floor {p95['floor']:.2f} + service "
        f"{p95['service']:.2f}); goal <= 1.3 x: {'met' if ratio <= 1.3 else 'MISSED'}"
    )
    return 0


def pick95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


if __name__ == "__main__":
    sys.exit(main())
