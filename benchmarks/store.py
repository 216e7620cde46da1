"""Store throughput: how fast ideas are saved and listed, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/store.py [--n 10000] [--pg postgresql+psycopg://postgres@127.0.0.1/test]

Prints a table. One-idea-per-transaction is what a person typing causes; batches are what a
generation run causes (ideas are saved in small batches as they stream in).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store


def bench(url: str, n: int) -> dict[str, float]:
    ws = Workspace(open_store(url), "bench")
    s = ws.sessions.new("How might we benchmark a store?")
    singles = min(n, 500)
    t0 = time.perf_counter()
    for k in range(singles):
        ws.ideas.add(s.id, f"single idea number {k}")
    t_single = time.perf_counter() - t0
    batch = 32
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        ws.ideas.add_many(
            s.id, [f"batched idea {k} with some words" for k in range(start, min(n, start + batch))]
        )
    t_batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    listed = ws.ideas.list(s.id)
    t_list = time.perf_counter() - t0
    ws.close()
    return {
        "single/s": singles / t_single,
        "batched/s": n / t_batch,
        "list_s": t_list,
        "listed": len(listed),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("SQLite (WAL, file)", bench(f"sqlite:///{Path(tmp) / 'b.db'}", args.n)))
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(args.pg).update_query_dict({"options": f"-csearch_path={schema}"})
        rows.append(
            ("PostgreSQL (local)", bench(url.render_as_string(hide_password=False), args.n))
        )
    except Exception as error:  # report, do not hide: the table says PostgreSQL was not measured
        print(f"PostgreSQL not measured: {str(error).splitlines()[0]}")
    finally:
        try:
            with admin.connect() as c:
                c.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        except Exception:
            pass
    print(f"\nStore benchmark, {args.n:,} ideas (plus 500 single adds)\n")
    print("| backend | ideas/s, one per transaction | ideas/s, batches of 32 | list all (s) |")
    print("|---|---:|---:|---:|")
    for name, r in rows:
        listed = f"{r['list_s']:.3f} ({r['listed']:,})"
        print(f"| {name} | {r['single/s']:,.0f} | {r['batched/s']:,.0f} | {listed} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
