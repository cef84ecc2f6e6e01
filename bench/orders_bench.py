"""Benchmark: customer resolution and order creation on a large store, over loopback HTTP.

Not a test: it prints figures. It builds a store with 200k customers (some with 2-3 addresses),
100k variants and 100k past orders, runs the real `sendocki-helper serve` process on it, and
reports p50/p95/p99 for:

- floor: an authenticated route that does no work (`GET /v1/orders` without a filter: token
  check, one hop to the store thread, a 422 raised before any SQL);
- resolve: `GET /v1/customers/resolve?phone=...` for existing cards in sellers' writings;
- create: `POST /v1/orders` (existing and new customers, 1-3 catalog lines, a conversation);

each with one client in sequence and 4 clients at once; and, in blocks between the one-client
blocks (so load from elsewhere hits both alike), the raw SQL time of the same work (sqlite3
directly on the same file: the same reads and rows - idempotency key, new card and address for
the same share of orders, conversation link, order, stage change, lines, outbox - in one BEGIN
IMMEDIATE/COMMIT with synchronous=FULL) and the bare commit (one fsync).

    .venv/bin/python bench/orders_bench.py            # about a minute
    .venv/bin/python bench/orders_bench.py --quick    # smaller store, fewer requests
"""

import argparse
import asyncio
import json
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "helper"))

from sendocki_helper.services import demo, pairing  # noqa: E402
from sendocki_helper.store.db import Store  # noqa: E402

HELPER_BIN = str(Path(sys.executable).parent / "sendocki-helper")
CITIES = ["Casablanca", "Rabat", "Marrakech", "Fès", "Tanger", "Agadir", "Meknès", "Oujda"]
NOW = "2026-01-01T00:00:00.000000Z"
# Goals, p95 in ms: (one client, 4 clients at once, times the floor + raw SQL of the same work).
GOALS = {"resolve": (3.0, None, 3.0), "create": (5.0, 10.0, 2.0)}
BLOCK = 50


# ---------------------------------------------------------------- building the store


def national(number: int) -> str:
    """The seller's writing of a generated mobile: 06 1x xx xx xx."""
    digits = f"0{number}"
    return " ".join([digits[:2], digits[2:4], digits[4:6], digits[6:8], digits[8:]])


def build_store(data_dir: Path, customers: int, variants: int, orders: int) -> None:
    on_store(data_dir, demo.seed_demo)
    conn = sqlite3.connect(data_dir / "helper.sqlite3", isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # generation only; the helper reopens with FULL
    rng = random.Random(7)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO customers (id, name, phone, email, created_at, updated_at) VALUES (?,?,?,?,?,?)",
        (
            (f"c_b{i:07d}", f"Client {i}", f"+2126{10000000 + i:08d}", None, NOW, NOW)
            for i in range(customers)
        ),
    )
    addresses = []
    for i in range(customers):
        for k in range(rng.choice([1, 1, 1, 2, 3])):
            addresses.append(
                (f"a_b{i:07d}_{k}", f"c_b{i:07d}", f"{k + 1} Rue {i}", rng.choice(CITIES), NOW)
            )
    conn.executemany(
        "INSERT INTO addresses (id, customer_id, line, city, created_at) VALUES (?,?,?,?,?)",
        addresses,
    )
    per_product = 4
    conn.executemany(
        "INSERT INTO products (id, sku, name, kind, price, active, updated_at) VALUES (?,?,?,?,?,1,?)",
        (
            (
                f"p_b{p:06d}",
                f"BENCH-{p:06d}",
                f"Article {p}",
                "variable",
                rng.randint(20, 900) * 100,
                NOW,
            )
            for p in range(variants // per_product)
        ),
    )
    conn.executemany(
        "INSERT INTO variants (id, product_id, sku, name, attributes, price, available, active, updated_at) "
        "VALUES (?,?,?,?,?,NULL,?,1,?)",
        (
            (
                f"v_b{v:07d}",
                f"p_b{v // per_product:06d}",
                f"BENCH-{v // per_product:06d}-{v % per_product}",
                f"Article {v // per_product} / {v % per_product}",
                json.dumps({"taille": str(v % per_product)}),
                rng.randint(0, 20),
                NOW,
            )
            for v in range(variants)
        ),
    )
    stages = [row[0] for row in conn.execute("SELECT id FROM stages ORDER BY position")]
    order_rows, line_rows = [], []
    for o in range(orders):
        customer = rng.randrange(customers)
        total = rng.randint(50, 2000) * 100
        order_rows.append(
            (
                f"o_b{o:07d}",
                o + 1,
                f"WA-{o + 1:06d}",
                f"c_b{customer:07d}",
                rng.choice(stages),
                "cash_on_delivery",
                "pending",
                total,
                total,
                total,
                "MAD",
                f"2025-{1 + o % 12:02d}-01T00:00:{o % 60:02d}.{o:06d}Z",
            )
        )
        line_rows.append((f"o_b{o:07d}", 0, "free", f"Ligne {o}", 1, total, total))
    conn.executemany(
        "INSERT INTO orders (id, seq, number, customer_id, stage_id, payment_method, payment_status, "
        "catalog_total, lines_total, total, currency, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        order_rows,
    )
    conn.executemany(
        "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, line_total) "
        "VALUES (?,?,?,?,?,?,?)",
        line_rows,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def on_store(data_dir: Path, fn):
    """Run one store function on the store's own writer thread (outside any event loop)."""
    store = Store(data_dir / "helper.sqlite3")
    try:
        return asyncio.run(store.run(fn))
    finally:
        store.close()


# ---------------------------------------------------------------- HTTP measurements


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return pick(0.50), pick(0.95), pick(0.99)


async def timed(session, method, url, **kwargs) -> float:
    start = time.perf_counter()
    async with session.request(method, url, **kwargs) as answer:
        await answer.read()
        if answer.status >= 500 or answer.status in (401, 400):
            raise RuntimeError(f"{method} {url}: {answer.status} {await answer.text()}")
    return (time.perf_counter() - start) * 1000


async def run_clients(make_request, total: int, clients: int) -> list[float]:
    samples: list[float] = []
    counter = iter(range(total))

    async def client():
        for i in counter:
            samples.append(await make_request(i))

    await asyncio.gather(*(client() for _ in range(clients)))
    return samples


def order_body(rng: random.Random, customers: int, variants: int, i: int) -> dict:
    per_product = 4
    lines = []
    for _ in range(rng.randint(1, 3)):
        v = rng.randrange(variants)
        lines.append(
            {
                "kind": "catalog",
                "sku": f"BENCH-{v // per_product:06d}-{v % per_product}",
                "quantity": rng.randint(1, 3),
            }
        )
    if rng.random() < 0.3:  # a new customer
        number = 700000000 + i * 7 + rng.randrange(7)
        customer = {
            "name": f"Nouveau {i}",
            "phone": national(number),
            "address": {"line": f"{i} Avenue Hassan II", "city": rng.choice(CITIES)},
        }
    else:
        c = rng.randrange(customers)
        customer = {"name": f"Client {c}", "phone": national(610000000 + c)}
    digits = customer["phone"].replace(" ", "")[1:]
    return {
        "customer": customer,
        "lines": lines,
        "payment_method": "cash_on_delivery",
        "conversation": {"chat_key": f"212{digits}@c.us", "display_name": customer["name"]},
    }


async def measure_http(
    base: str, token: str, customers: int, variants: int, n: int, raw: "RawSql"
) -> dict:
    auth = {"Authorization": f"Bearer {token}"}
    rng = random.Random(11)
    results = {}
    connector = aiohttp.TCPConnector(limit=8)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def floor(i):
            return await timed(session, "GET", base + "/v1/orders", headers=auth)

        async def resolve(i):
            c = rng.randrange(customers)
            phone = rng.choice(
                [national(610000000 + c), f"+2126{10000000 + c:08d}", f"002126{10000000 + c:08d}"]
            )
            return await timed(
                session,
                "GET",
                base + "/v1/customers/resolve",
                params={"phone": phone},
                headers=auth,
            )

        async def create(i):
            body = order_body(rng, customers, variants, i)
            headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
            return await timed(session, "POST", base + "/v1/orders", json=body, headers=headers)

        kinds = (("floor", floor), ("resolve", resolve), ("create", create))
        for _, fn in kinds:
            await run_clients(fn, 50, 1)  # warm-up: connections, page cache
        # Interleaved blocks, so a burst of load from elsewhere on the machine hits every kind
        # alike, the raw SQL baseline included (measured between the one-client blocks, while
        # the helper idles with the file open).
        for clients in (1, 4):
            for start in range(0, n, BLOCK):
                for name, fn in kinds:
                    samples = await run_clients(fn, min(BLOCK, n - start), clients)
                    results.setdefault((name, clients), []).extend(samples)
                if clients == 1:
                    raw.block(min(BLOCK, n - start))
    return results


# ---------------------------------------------------------------- raw SQL of the same work

AUTH_SQL = "SELECT * FROM pairings WHERE token_hash = ?"
RESOLVE_SQL = [
    ("SELECT value FROM settings WHERE key = ?", lambda c: ("default_region",)),
    (
        "SELECT * FROM customers WHERE phone = ? ORDER BY created_at, id",
        lambda c: (f"+2126{10000000 + c:08d}",),
    ),
    (
        "SELECT * FROM addresses WHERE customer_id IN (?) ORDER BY created_at, rowid",
        lambda c: (f"c_b{c:07d}",),
    ),
    (
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.state IN ('cancelled','delivery_failure','returned') THEN 0 "
        "ELSE o.total END), 0) FROM orders o JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ?",
        lambda c: (f"c_b{c:07d}",),
    ),
    (
        "SELECT o.id, o.number, o.total, o.created_at, s.id, s.name, s.color, s.state FROM orders o "
        "JOIN stages s ON s.id = o.stage_id WHERE o.customer_id = ? ORDER BY o.created_at DESC, o.seq DESC LIMIT 5",
        lambda c: (f"c_b{c:07d}",),
    ),
]


class RawSql:
    """The SQLite work of resolve and create, by hand on the same file, with the helper's settings
    (WAL, synchronous=FULL, foreign keys): the rows an order writes and the reads it needs."""

    def __init__(self, path: Path, customers: int, variants: int):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.customers, self.variants = customers, variants
        self.rng = random.Random(13)
        self.created = 0
        self.token_hash = self.conn.execute("SELECT token_hash FROM pairings LIMIT 1").fetchone()[0]
        self.samples: dict[str, list[float]] = {"resolve": [], "create": [], "commit": []}

    def block(self, count: int) -> None:
        """count samples of each kind, in the same block order as the HTTP measurements."""
        for _ in range(count):
            self.samples["resolve"].append(self.resolve_once())
        for _ in range(count):
            self.samples["create"].append(self.create_once())
        for _ in range(count):
            self.samples["commit"].append(self.commit_once())

    def close(self) -> None:
        self.conn.execute("DELETE FROM settings WHERE key = 'bench_probe'")
        self.conn.close()

    def _authenticate(self) -> None:
        self.conn.execute(AUTH_SQL, (self.token_hash,)).fetchall()

    def resolve_once(self) -> float:
        c = self.rng.randrange(self.customers)
        start = time.perf_counter()
        self._authenticate()
        for sql, args in RESOLVE_SQL:
            self.conn.execute(sql, args(c)).fetchall()
        return (time.perf_counter() - start) * 1000

    def create_once(self) -> float:
        conn, rng = self.conn, self.rng
        i = self.created
        self.created += 1
        skus = [
            f"BENCH-{(v := rng.randrange(self.variants)) // 4:06d}-{v % 4}"
            for _ in range(rng.randint(1, 3))
        ]
        new_customer = rng.random() < 0.3  # the same share of new cards as the HTTP orders
        c = rng.randrange(self.customers)
        customer_id = f"c_raw{i:07d}" if new_customer else f"c_b{c:07d}"
        # 05 numbers: never one the HTTP orders create (a shared phone would refuse them).
        phone = f"+2125{i:08d}" if new_customer else f"+2126{10000000 + c:08d}"
        chat_key = phone[1:] + "@c.us"
        key = str(uuid.uuid4())
        order_id = f"o_raw{i:07d}_{key[:6]}"
        start = time.perf_counter()
        self._authenticate()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "SELECT * FROM idempotency_keys WHERE pairing_id = ? AND key = ?", ("pr", key)
        ).fetchall()
        conn.execute("SELECT value FROM settings WHERE key = ?", ("default_region",)).fetchall()
        conn.execute("SELECT * FROM customers WHERE phone = ?", (phone,)).fetchall()
        marks = ",".join("?" * len(skus))
        conn.execute(
            f"SELECT * FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IN ({marks})",
            skus,
        ).fetchall()
        stage = conn.execute(
            "SELECT * FROM stages WHERE active = 1 ORDER BY position LIMIT 1"
        ).fetchone()
        address_id = None
        if new_customer:
            address_id = f"a_raw{i:07d}"
            conn.execute(
                "INSERT INTO customers (id, name, phone, email, tags, created_at, updated_at) "
                "VALUES (?,?,?,NULL,'[]',?,?)",
                (customer_id, f"Nouveau {i}", phone, NOW, NOW),
            )
            conn.execute(
                "INSERT INTO addresses (id, customer_id, line, city, created_at) VALUES (?,?,?,?,?)",
                (address_id, customer_id, f"{i} Avenue Hassan II", "Rabat", NOW),
            )
        conn.execute(
            "INSERT INTO conversations (chat_key, display_name, customer_id, created_at, updated_at) "
            "VALUES (?,?,?,?,?) ON CONFLICT (chat_key) DO UPDATE SET display_name = excluded.display_name, "
            "customer_id = excluded.customer_id, updated_at = excluded.updated_at",
            (chat_key, "x", customer_id, NOW, NOW),
        )
        conn.execute(
            "UPDATE orders SET conversation_key = ? WHERE customer_id = ? AND origin = 'sendocki' "
            "AND conversation_key IS NULL",
            (chat_key, customer_id),
        )
        conn.execute("SELECT agent_id FROM pairings WHERE id = ?", ("pr",)).fetchall()
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders").fetchone()[0]
        for setting in ("currency", "sync.api_url"):
            conn.execute("SELECT value FROM settings WHERE key = ?", (setting,)).fetchall()
        conn.execute(
            "INSERT INTO orders (id, seq, number, customer_id, address_id, stage_id, payment_method, "
            "payment_status, catalog_total, lines_total, total, currency, conversation_key, "
            "created_at, stage_changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                order_id,
                seq,
                f"WA-{seq:06d}",
                customer_id,
                address_id,
                stage[0],
                "cash_on_delivery",
                "pending",
                100,
                100,
                100,
                "MAD",
                chat_key,
                NOW,
                NOW,
            ),
        )
        conn.execute(
            "INSERT INTO order_stage_changes (order_id, from_stage_id, to_stage_id, at, origin) "
            "VALUES (?, NULL, ?, ?, 'local')",
            (order_id, stage[0], NOW),
        )
        conn.executemany(
            "INSERT INTO order_lines (order_id, position, kind, sku, name, quantity, unit_price, "
            "line_total) VALUES (?,?,?,?,?,?,?,?)",
            [(order_id, k, "catalog", s, s, 1, 100, 100) for k, s in enumerate(skus)],
        )
        conn.execute(
            "INSERT INTO outbox (kind, aggregate_id, idempotency_key, payload_json, payload_hash, status, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            ("order.create", order_id, key, "{" + "x" * 1500 + "}", "h" * 64, "pending", NOW, NOW),
        )
        conn.execute(
            "INSERT INTO idempotency_keys (pairing_id, key, method, path, request_hash, state, status_code, "
            "response_json, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                "pr_raw",
                key,
                "POST",
                "/v1/orders",
                "h" * 64,
                "done",
                201,
                "{" + "x" * 1500 + "}",
                NOW,
                NOW,
            ),
        )
        conn.execute("COMMIT")
        return (time.perf_counter() - start) * 1000

    def commit_once(self) -> float:
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('bench_probe', ?)",
            (str(time.time()),),
        )
        self.conn.execute("COMMIT")
        return (time.perf_counter() - start) * 1000


# ---------------------------------------------------------------- main


def serve(data_dir: Path, port: int) -> subprocess.Popen:
    log = open(data_dir.parent / "helper.log", "ab")
    proc = subprocess.Popen(
        [
            HELPER_BIN,
            "serve",
            "--rate-limit",
            "0",
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    import urllib.request

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/ping", timeout=1).read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the helper did not start")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def pair(base: str, code: str) -> str:
    async with (
        aiohttp.ClientSession() as session,
        session.post(base + "/v1/pairings", json={"code": code, "client_name": "bench"}) as r,
    ):
        return (await r.json())["token"]


def row(label: str, samples: list[float]) -> str:
    p50, p95, p99 = percentiles(samples)
    return f"{label:<28} {p50:8.2f} {p95:8.2f} {p99:8.2f}   (n={len(samples)}, mean {statistics.mean(samples):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument(
        "--orders", type=int, default=100_000, help="past orders spread over the customers"
    )
    parser.add_argument("-n", type=int, default=1000, help="requests per measurement")
    parser.add_argument(
        "--quick", action="store_true", help="20k customers, 10k variants, 200 requests"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="where to build the store (default: a temp folder)"
    )
    args = parser.parse_args()
    if args.quick:
        args.customers, args.variants, args.orders, args.n = 20_000, 10_000, 10_000, 200

    workdir = args.data_dir or Path(tempfile.mkdtemp(prefix="orders-bench-"))
    data_dir = workdir / "data"
    started = time.perf_counter()
    build_store(data_dir, args.customers, args.variants, args.orders)
    print(
        f"store: {args.customers} customers, {args.variants} variants, {args.orders} past orders "
        f"built in {time.perf_counter() - started:.1f} s at {data_dir}"
    )

    code = on_store(data_dir, pairing.issue_code)
    port = free_port()
    proc = serve(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    raw_sql = None
    try:
        token = asyncio.run(pair(base, code))
        raw_sql = RawSql(data_dir / "helper.sqlite3", args.customers, args.variants)
        http = asyncio.run(
            measure_http(base, token, args.customers, args.variants, args.n, raw_sql)
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
        if raw_sql is not None:
            raw_sql.close()
    raw = raw_sql.samples

    print(f"\n{'milliseconds':<28} {'p50':>8} {'p95':>8} {'p99':>8}")
    for name in ("floor", "resolve", "create"):
        for clients in (1, 4):
            print(
                row(
                    f"http {name}, {clients} client{'s' if clients > 1 else ''}",
                    http[(name, clients)],
                )
            )
    for name in ("resolve", "create", "commit"):
        print(row(f"raw SQL {name}", raw[name]))

    print()
    floor_p95 = percentiles(http[("floor", 1)])[1]
    for name, (target, target_4, times) in GOALS.items():
        p95 = percentiles(http[(name, 1)])[1]
        p95_4 = percentiles(http[(name, 4)])[1]
        raw_p95 = percentiles(raw[name])[1]
        ratio = p95 / (floor_p95 + raw_p95)
        four = "" if target_4 is None else f" (goal {target_4} ms {verdict(p95_4 <= target_4)})"
        print(
            f"{name}: p95 {p95:.2f} ms, goal {target} ms {verdict(p95 <= target)}; "
            f"4 clients {p95_4:.2f} ms{four}; {ratio:.2f} x (floor {floor_p95:.2f} + raw "
            f"{raw_p95:.2f}), goal {times} x {verdict(ratio <= times)}"
        )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


if __name__ == "__main__":
    main()
