#!/usr/bin/env python3
"""Side-by-side comparison of kgq with Kùzu on the same generated graph and the same queries.

Loads the CSV folder `kgq generate` writes (Neo4j admin-import style headers) into an
in-memory Kùzu database with COPY, runs the six benchmark queries of `kgq-bench`
(Sources/kgq-bench/BenchQueries.swift holds the same texts) with warm-up and repeated runs,
and prints median, min and p90 per query. Given kgq's results (`make bench` writes
.build/bench.json), it prints the ratio Kùzu / kgq per query: above 1 means kgq is faster.

    pip install kuzu==0.11.3
    python3 Benchmarks/compare_kuzu.py .build/bench-data --kgq-json .build/bench.json

Kùzu needs one table per label and typed columns, so the script first rewrites the CSV
files into per-table files in a temporary folder (not timed); the load time is the COPY
statements alone, as Kùzu's own benchmarks report it. Partial dates (YYYY-MM) are kept as
strings, array columns become Kùzu lists.
"""
import argparse
import csv
import json
import os
import resource
import statistics
import sys
import tempfile
import time

ROLE = "junior claims associate"
QUERIES = [
    ("Q1 point lookup by name",
     f"MATCH (r:Role) WHERE r.name = '{ROLE}' RETURN r.name, r.level"),
    ("Q2 one-hop expansion with a filter",
     f"MATCH (r:Role {{name: '{ROLE}'}})-[:REQUIRES]->(s:Skill) WHERE s.category = 'technical' RETURN s.name"),
    ("Q3 two-hop pattern count",
     f"MATCH (r:Role {{name: '{ROLE}'}})-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(o:Role) RETURN count(*)"),
    ("Q4 group-by over one type, top 10",
     "MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN s.name AS skill, count(*) AS roles ORDER BY roles DESC, skill LIMIT 10"),
    ("Q5 variable-length *1..3 distinct endpoints",
     f"MATCH (r:Role {{name: '{ROLE}'}})-[:ADVANCES_TO*1..3]->(x:Role) RETURN count(DISTINCT x)"),
    ("Q6 full scan with a string predicate",
     "MATCH (r:Role) WHERE r.name CONTAINS 'billing' RETURN count(*)"),
]

KUZU_TYPES = {"string": "STRING", "int": "INT64", "long": "INT64", "float": "DOUBLE", "double": "DOUBLE",
              "boolean": "BOOLEAN", "date": "STRING"}   # partial dates (YYYY-MM) are not Kùzu DATEs


def parse_header(fields):
    """[(kind, name, type, is_array)] for each header field."""
    out = []
    for f in fields:
        name, _, typ = f.rpartition(":") if ":" in f else (f, "", "string")
        base = typ.split("(")[0].upper()
        if base in ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"):
            out.append((base, name, None, False))
        else:
            is_array = typ.endswith("[]")
            out.append(("PROP", name, typ[:-2] if is_array else typ, is_array))
    return out


def convert(value, typ, is_array):
    if value == "":
        return ""
    if is_array:
        return "[" + ",".join(value.split(";")) + "]"
    return value


def prepare(data, work):
    """Rewrites the folder into per-table CSV files; returns (DDL statements, COPY statements)."""
    files = sorted(f for f in os.listdir(data) if f.endswith(".csv"))
    label_of = {}
    ddl, copies = [], []
    rel_files = []
    for name in files:
        with open(os.path.join(data, name), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = parse_header(next(reader))
            kinds = [h[0] for h in header]
            if "START_ID" in kinds:
                rel_files.append(name)
                continue
            rows = list(reader)
            id_col, label_col = kinds.index("ID"), kinds.index("LABEL")
            table = rows[0][label_col].split(";")[0] if rows else name
            props = [(i, h) for i, h in enumerate(header) if h[0] == "PROP"]
            cols = ["id STRING"] + [f"{h[1]} {KUZU_TYPES[h[2]]}{'[]' if h[3] else ''}" for _, h in props]
            ddl.append(f"CREATE NODE TABLE {table}({', '.join(cols)}, PRIMARY KEY (id))")
            out = os.path.join(work, f"n_{table}.csv")
            with open(out, "w", newline="", encoding="utf-8") as o:
                w = csv.writer(o)
                for r in rows:
                    label_of[r[id_col]] = table
                    w.writerow([r[id_col]] + [convert(r[i], h[2], h[3]) for i, h in props])
            copies.append(f"COPY {table} FROM '{out}' (header=false)")
    for name in rel_files:
        with open(os.path.join(data, name), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = parse_header(next(reader))
            kinds = [h[0] for h in header]
            s, e, t = kinds.index("START_ID"), kinds.index("END_ID"), kinds.index("TYPE")
            props = [(i, h) for i, h in enumerate(header) if h[0] == "PROP"]
            groups = {}
            rtype = None
            for r in reader:
                rtype = r[t]
                pair = (label_of[r[s]], label_of[r[e]])
                groups.setdefault(pair, []).append([r[s], r[e]] + [convert(r[i], h[2], h[3]) for i, h in props])
        if rtype is None:
            continue
        pairs = sorted(groups)
        cols = [f"FROM {a} TO {b}" for a, b in pairs] + [f"{h[1]} {KUZU_TYPES[h[2]]}" for _, h in props]
        ddl.append(f"CREATE REL TABLE {rtype}({', '.join(cols)})")
        for a, b in pairs:
            out = os.path.join(work, f"r_{rtype}_{a}_{b}.csv")
            with open(out, "w", newline="", encoding="utf-8") as o:
                csv.writer(o).writerows(groups[(a, b)])
            option = f", from='{a}', to='{b}'" if len(pairs) > 1 else ""
            copies.append(f"COPY {rtype} FROM '{out}' (header=false{option})")
    return ddl, copies


def stats(samples):
    s = sorted(samples)
    p90 = s[max(0, min(len(s) - 1, -(-9 * len(s) // 10) - 1))]
    return statistics.median(s), s[0], p90


def ms(seconds):
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", help="CSV folder written by `kgq generate` (e.g. .build/bench-data)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--kgq-json", help="kgq-bench results (.build/bench.json) for the ratio column")
    ap.add_argument("--json", help="write Kùzu's results here as JSON")
    args = ap.parse_args()

    import kuzu
    with tempfile.TemporaryDirectory(prefix="kuzu-bench-") as work:
        t0 = time.perf_counter()
        ddl, copies = prepare(args.data, work)
        print(f"prepared per-table CSV files in {time.perf_counter() - t0:.1f} s (not timed)", file=sys.stderr)
        db = kuzu.Database(":memory:")
        conn = kuzu.Connection(db)
        for stmt in ddl:
            conn.execute(stmt)
        t0 = time.perf_counter()
        for stmt in copies:
            conn.execute(stmt)
        load = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

        results = [{"name": "load CSV (COPY)", "median_ms": load * 1000, "min_ms": load * 1000, "p90_ms": load * 1000, "runs": 1}]
        for name, text in QUERIES:
            rows = None
            for _ in range(args.warmup):
                rows = conn.execute(text).get_all()
            samples = []
            for _ in range(args.runs):
                t = time.perf_counter()
                rows = conn.execute(text).get_all()
                samples.append(time.perf_counter() - t)
            med, lo, p90 = stats(samples)
            results.append({"name": name, "median_ms": med * 1000, "min_ms": lo * 1000, "p90_ms": p90 * 1000,
                            "runs": len(samples), "rows": len(rows), "result": rows[0] if len(rows) == 1 else None})

    kgq = {}
    if args.kgq_json:
        with open(args.kgq_json, encoding="utf-8") as fh:
            kgq = {r["name"].split(" (")[0]: r for r in json.load(fh)["results"]}
        kgq.setdefault("load CSV (COPY)", kgq.get("load CSV"))

    print(f"Kùzu {kuzu.__version__}, peak RSS {peak / 1e6:.0f} MB (Python process)")
    print(f"{'benchmark':45} {'kuzu median':>12} {'min':>10} {'p90':>10} {'kgq median':>11} {'kuzu/kgq':>9}  result")
    for r in results:
        other = kgq.get(r["name"].split(" (")[0]) if kgq else None
        kgq_ms = other.get("median_ms") if other else None
        ratio = f"{r['median_ms'] / kgq_ms:.2f}" if kgq_ms else "–"
        kgq_text = ms(kgq_ms / 1000) if kgq_ms else "–"
        print(f"{r['name']:45} {ms(r['median_ms'] / 1000):>12} {ms(r['min_ms'] / 1000):>10} {ms(r['p90_ms'] / 1000):>10} "
              f"{kgq_text:>11} {ratio:>9}  {r.get('result') if r.get('result') is not None else r.get('rows', '')}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"engine": f"kuzu {kuzu.__version__}", "peak_bytes": peak, "results": results}, fh, indent=2)


if __name__ == "__main__":
    main()
