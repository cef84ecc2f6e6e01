"""Catalog files from real shops, measured: import of a filled-down 100k-variant .xlsx and the
same catalog as CSV (wall time and peak RSS of each import process, in one run), then search
p95 over HTTP with thumbnails off and on (on: a second client fetches every result's thumbnail
as the dialog does, photos served by a local server, cold then cached), rounds interleaved.

    .venv/bin/python bench/catalog_files.py [--variants 100000] [--rounds 2]

It prints figures; it asserts nothing.
"""

import argparse
import csv
import http.client
import io
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from catalog_generator import generate, queries
from catalog_search import percentiles, serve

PYTHON = sys.executable
BIN = str(Path(sys.executable).parent / "sendocki-helper")
HEADER = [
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
PHOTO_KINDS = 50  # distinct photos served (products share them, as a shop reuses shots)


def filled_down_rows(variants: int, photo_base: str):
    """The template as sellers fill it: product columns copied down on every variant row."""
    count = 0
    for number, (product, rows) in enumerate(generate(variants)):
        simple = len(rows) == 1 and not rows[0]["attributes"]
        image = f"{photo_base}/p{number % PHOTO_KINDS}.jpg"
        price = float(product["price"])
        if simple:
            count += 1
            yield [product["sku"], product["name"], "simple", price, None, image, None]
            continue
        for row in rows:
            count += 1
            own = float(row["price"]) if row["price"] else None
            head = [product["sku"], product["name"], "variable", price, None, image, None]
            yield [*head, row["sku"], row["name"], own, None, row["available"]]


def write_files(folder: Path, variants: int, photo_base: str) -> tuple[Path, Path, int]:
    import openpyxl

    csv_path, xlsx_path = folder / "catalog.csv", folder / "catalog.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Produits")
    sheet.append(HEADER)
    count = 0
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for row in filled_down_rows(variants, photo_base):
            padded = row + [None] * (len(HEADER) - len(row))
            sheet.append(padded)
            out.writerow(
                ["" if v is None else (f"{v:.2f}" if isinstance(v, float) else v) for v in padded]
            )
            count += 1
    book.save(xlsx_path)
    return csv_path, xlsx_path, count


MEASURE = """
import resource, sys, time
from sendocki_helper.cli import main
started = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - started
print(f"BENCH {code} {seconds:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
"""


def measured_import(path: Path, data: Path) -> tuple[float, int, str]:
    result = subprocess.run(
        [
            PYTHON,
            "-c",
            MEASURE,
            "import-catalog",
            str(path),
            "--no-progress",
            "--data-dir",
            str(data),
            "--create",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH"))
    _, code, seconds, rss_kb = line.split()
    summary = next((x for x in result.stdout.splitlines() if x.startswith("products created")), "")
    return float(seconds), int(rss_kb) // 1024, f"exit {code}; {summary}"


def photo_server() -> ThreadingHTTPServer:
    from PIL import Image

    photos = {}
    for i in range(PHOTO_KINDS):
        out = io.BytesIO()
        Image.new("RGB", (1000, 1000), (i * 5 % 256, 90, 160)).save(out, "JPEG", quality=85)
        photos[f"/p{i}.jpg"] = out.getvalue()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = photos.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the query sequence")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="catalog-files-bench-"))
    photos = photo_server()
    base = f"http://127.0.0.1:{photos.server_port}"
    started = time.perf_counter()
    csv_path, xlsx_path, count = write_files(work, args.variants, base)
    print(
        f"catalog: {count} variants, filled down, photo URLs; CSV {csv_path.stat().st_size >> 20} MB, "
        f".xlsx {xlsx_path.stat().st_size >> 20} MB (written in {time.perf_counter() - started:.0f} s)"
    )
    results = {}
    for label, path in (("CSV", csv_path), (".xlsx", xlsx_path)):
        seconds, rss_mb, summary = measured_import(path, work / f"data-{label.strip('.')}")
        results[label] = (seconds, rss_mb)
        print(f"import {label:6} {seconds:6.1f} s   peak RSS {rss_mb:5d} MB   ({summary})")
    ratio = results[".xlsx"][0] / results["CSV"][0]
    print(f"xlsx / CSV: time x{ratio:.2f}, peak RSS x{results['.xlsx'][1] / results['CSV'][1]:.2f}")

    # The photos are served from this computer: allowed for this run (public-only by default).
    process, port, headers = serve(work / "data-xlsx", "--photos-from-local-network")
    try:
        searcher = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        thumbs = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        typed = queries()

        def search(text) -> list[dict]:
            searcher.request(
                "GET",
                "/v1/catalog/search?" + urllib.parse.urlencode({"q": text, "limit": 8}),
                headers=headers,
            )
            answer = searcher.getresponse()
            return json.loads(answer.read())["results"]

        pending: list[str] = []
        lock = threading.Condition()
        thumb_times: list[float] = []
        stop = False

        def thumbnail_client():
            while True:
                with lock:
                    while not pending and not stop:
                        lock.wait()
                    if stop and not pending:
                        return
                    product_id = pending.pop(0)
                began = time.perf_counter()
                thumbs.request(
                    "GET", f"/v1/catalog/products/{product_id}/thumbnail", headers=headers
                )
                thumbs.getresponse().read()
                thumb_times.append((time.perf_counter() - began) * 1000)

        search("warm up")
        worker = threading.Thread(target=thumbnail_client, daemon=True)
        worker.start()
        off, on = [], []

        def drained():
            while True:
                with lock:
                    if not pending:
                        return
                time.sleep(0.01)

        for _ in range(args.rounds):
            asked: set[str] = set()  # a new page: the dialog asks again (the helper has them)
            drained()  # "off": nothing else asks the helper meanwhile
            for text in typed:
                began = time.perf_counter()
                search(text)
                off.append((time.perf_counter() - began) * 1000)
            for text in typed:  # "on": the dialog's thumbnail requests run alongside
                began = time.perf_counter()
                found = search(text)
                on.append((time.perf_counter() - began) * 1000)
                with lock:  # like the dialog: each product's thumbnail asked once per page
                    fresh = [p["product_id"] for p in found if p["thumbnail"]]
                    fresh = [product_id for product_id in fresh if product_id not in asked]
                    asked.update(fresh)
                    pending.extend(fresh)
                    lock.notify()
        with lock:
            stop = True
            lock.notify()
        worker.join(120)
    finally:
        process.terminate()
        process.wait(10)
        photos.shutdown()
    print(f"search, {len(typed)} typed prefixes x {args.rounds} rounds (off and on alternate):")
    print(f"  thumbnails off: {percentiles(off)}")
    print(f"  thumbnails on:  {percentiles(on)}")
    print(f"  thumbnail fetches by the second client: {percentiles(thumb_times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
