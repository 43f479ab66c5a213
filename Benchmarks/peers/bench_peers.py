#!/usr/bin/env python3
"""kgq against Kùzu 0.11.3 and LadybugDB 0.22.0 on one generated graph (`make bench-peers`).

    python3 Benchmarks/peers/bench_peers.py [--quick] [--kgq .build/release/kgq] [--cache DIR]

What it does, in order:
1. generates the CSV graph once (`kgq generate --seed 1`, 100k nodes / 1M relationships)
   into CACHE/graph, and rewrites it once into per-table files for the peers (CACHE/peer-csv,
   not timed: Kùzu and LadybugDB need one file per node table and per FROM/TO pair);
2. makes a throwaway venv per peer (CACHE/venv-kuzu, CACHE/venv-ladybug; they cannot share
   a Python process) and starts one peer_worker.py in each, which loads the files into an
   in-memory database with COPY and reports load time and peak RSS;
3. times kgq from outside, as whole processes: T(load + R×Q) − T(load + R×`RETURN 1`),
   divided by R, where the R statements reach kgq as a `;`-separated script on stdin and
   R is chosen (from PROFILE's timings) so that the query part takes about TARGET seconds;
   kgq's load time and peak RSS come from `kgq query 'RETURN 1'` (getrusage of the child);
4. alternates kgq and the peers round by round, so the machine's drift hits all three;
5. compares the answers (sorted rows, or ordered rows where the query orders them) and
   prints one Markdown table: both peers' medians, kgq's, kgq / best peer and agreement;
   writes every number to JSON (default Benchmarks/peers/results.json).

Exit code 2 on bad input (no kgq executable, no Python venv support) with what to do;
a query a peer rejects shows as "error" in its cell and the run goes on.
"""
import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

PEERS = [
    # (engine name for the worker, pip requirement, name in the table)
    ("kuzu", "kuzu==0.11.3", "Kùzu 0.11.3"),
    ("ladybug", "ladybug==0.22.0", "LadybugDB 0.22.0"),
]


class BenchError(Exception):
    """A problem the user can fix (missing executable, bad flag value); exit code 2."""


# MARK: - The queries

def queries(hub):
    """The benchmark queries from the hub role (the role with the most REQUIRES).

    Each: (key, title, text, compare) where compare says how answers are checked:
    "ordered" (rows in order), "rows" (sorted rows), "collect" (sorted rows, lists inside
    sorted — collect() has no order — and a peer's NULL taken for an empty list: Kùzu's
    collect() over no rows gives NULL, openCypher's gives []), "count" (number of rows only:
    LIMIT without ORDER BY may pick any rows), "two-hop" (sorted rows; a peer may exceed kgq
    by the hub's REQUIRES degree: Kùzu binds one relationship to both pattern edges, kgq keeps
    openCypher's relationship uniqueness).
    """
    h = hub.replace("\\", "\\\\").replace("'", "\\'")
    return [
        ("point", "point lookup by name",
         f"MATCH (r:Role) WHERE r.name = '{h}' RETURN r.name, r.level", "rows"),
        ("one-hop", "one hop with a filter",
         f"MATCH (r:Role {{name: '{h}'}})-[:REQUIRES]->(s:Skill) WHERE s.category = 'technical' RETURN s.name", "rows"),
        ("var-length", "`*1..3`, distinct endpoints",
         f"MATCH (r:Role {{name: '{h}'}})-[:ADVANCES_TO*1..3]->(x:Role) RETURN count(DISTINCT x)", "rows"),
        ("two-hop", "two-hop count from the hub",
         f"MATCH (r:Role {{name: '{h}'}})-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(o:Role) RETURN count(*)", "two-hop"),
        ("group-by", "group-by, top 10",
         "MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN s.name AS skill, count(*) AS roles "
         "ORDER BY roles DESC, skill LIMIT 10", "ordered"),
        ("contains", "`CONTAINS` scan over skill names",
         "MATCH (s:Skill) WHERE s.name CONTAINS 'data' RETURN count(*)", "rows"),
        ("ordered-1000", "1,000 ordered rows",
         "MATCH (r:Role) RETURN r.name, r.level ORDER BY r.name LIMIT 1000", "ordered"),
        ("range", "numeric range, `ORDER BY … LIMIT`",
         "MATCH (f:Figure) WHERE f.value >= 1000.0 AND f.value < 50000.0 "
         "RETURN f.measure, f.value ORDER BY f.value DESC, f.measure LIMIT 25", "ordered"),
        ("optional", "`OPTIONAL MATCH` + `collect()`",
         "MATCH (r:Role) WHERE r.level = 5 OPTIONAL MATCH (r)-[:WORKS_IN]->(s:Sector) "
         "WITH r.name AS role, collect(s.name) AS sectors "
         "RETURN role, sectors ORDER BY role LIMIT 20", "collect"),
        ("three-hop", "three-hop pattern, filter on the far end",
         f"MATCH (h:Role {{name: '{h}'}})-[:ADVANCES_TO]->(a:Role)-[:REQUIRES]->(s:Skill)-[:SIMILAR_TO]->(t:Skill) "
         "WHERE t.category = 'technical' RETURN count(*)", "rows"),
        ("rows-10000", "10,000 rows × 3 properties",
         "MATCH (f:Figure) RETURN f.measure, f.value, f.unit LIMIT 10000", "count"),
    ]


# MARK: - The graph and the peers' copy of it

def csv_files(folder):
    try:
        return sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
    except FileNotFoundError:
        return []


# The peers bound no statement's rows; kgq's --max-rows (which also counts matches fed into an
# aggregation) is lifted so every engine does the same work.
NO_ROW_BOUND = ["--max-rows", "1000000000000"]


def ensure_graph(kgq, folder, nodes, edges, seed):
    """Generates the graph into `folder` unless it already holds CSV files."""
    if csv_files(folder):
        return False
    log(f"generating {nodes} nodes, {edges} relationships (seed {seed}) into {folder} …")
    run_checked([kgq, "generate", "--nodes", str(nodes), "--edges", str(edges), "--seed", str(seed), "-o", folder])
    return True


PEER_TYPES = {"string": "STRING", "int": "INT64", "long": "INT64", "short": "INT64", "byte": "INT64",
              "float": "DOUBLE", "double": "DOUBLE", "boolean": "BOOLEAN"}
# Everything else (date — the generator writes partial dates like 2005-01 —, time, duration …) stays STRING.


def parse_header(fields):
    """[(role, name, type, is_array)]: role is ID, LABEL, START_ID, END_ID, TYPE, IGNORE or PROP."""
    out = []
    for field in fields:
        name, sep, typ = field.rpartition(":")
        if not sep:
            name, typ = field, "string"
        base = typ.split("(")[0]
        if base.upper() in ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"):
            out.append((base.upper(), name, None, False))
        else:
            is_array = base.endswith("[]")
            out.append(("PROP", name, (base[:-2] if is_array else base).lower() or "string", is_array))
    return out


def peer_column(name, typ, is_array):
    return f"{name} {PEER_TYPES.get(typ, 'STRING')}{'[]' if is_array else ''}"


def peer_cell(value, is_array):
    """A CSV cell as the peers' COPY reads it: arrays `a;b` become `[a,b]`; empty stays empty (NULL)."""
    if value == "" or not is_array:
        return value
    return "[" + ",".join(value.split(";")) + "]"


def prepare_peer_tables(graph, out):
    """Rewrites the generated folder into per-table files under `out`.

    Returns (ddl, copies): CREATE NODE/REL TABLE statements with the CSV's columns and types
    (a node table per node file, named by its first label, primary key `id`; a rel table per
    relationship type with one FROM/TO pair per pair of end tables) and the COPY statements.
    """
    os.makedirs(out, exist_ok=True)
    table_of = {}
    ddl, copies, rel_files = [], [], []
    for name in csv_files(graph):
        with open(os.path.join(graph, name), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = parse_header(next(reader, []))
            roles = [h[0] for h in header]
            if "START_ID" in roles:
                rel_files.append(name)
                continue
            if "ID" not in roles:
                raise BenchError(f"{os.path.join(graph, name)}: the header has neither an :ID nor a :START_ID column")
            id_col = roles.index("ID")
            label_col = roles.index("LABEL") if "LABEL" in roles else None
            props = [(i, h) for i, h in enumerate(header) if h[0] == "PROP" and h[1] != "id"]
            table = None
            path = os.path.join(out, f"n_{os.path.splitext(name)[0]}.csv")
            with open(path, "w", newline="", encoding="utf-8") as o:
                writer = csv.writer(o)
                for row in reader:
                    if table is None:
                        table = (row[label_col].split(";")[0] if label_col is not None else "") or os.path.splitext(name)[0]
                    table_of[row[id_col]] = table
                    writer.writerow([row[id_col]] + [peer_cell(row[i], h[3]) for i, h in props])
            if table is None:
                continue
            columns = ["id STRING"] + [peer_column(h[1], h[2], h[3]) for _, h in props]
            ddl.append(f"CREATE NODE TABLE {table}({', '.join(columns)}, PRIMARY KEY (id))")
            copies.append(f"COPY {table} FROM '{path}' (header=false)")
    for name in rel_files:
        with open(os.path.join(graph, name), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = parse_header(next(reader))
            roles = [h[0] for h in header]
            s, e = roles.index("START_ID"), roles.index("END_ID")
            t = roles.index("TYPE") if "TYPE" in roles else None
            props = [(i, h) for i, h in enumerate(header) if h[0] == "PROP"]
            groups, rel_type = {}, None
            for row in reader:
                rel_type = rel_type or (row[t] if t is not None else os.path.splitext(name)[0].upper())
                pair = (table_of[row[s]], table_of[row[e]])
                groups.setdefault(pair, []).append([row[s], row[e]] + [peer_cell(row[i], h[3]) for i, h in props])
        if rel_type is None:
            continue
        pairs = sorted(groups)
        columns = [f"FROM {a} TO {b}" for a, b in pairs] + [peer_column(h[1], h[2], h[3]) for _, h in props]
        ddl.append(f"CREATE REL TABLE {rel_type}({', '.join(columns)})")
        for a, b in pairs:
            path = os.path.join(out, f"r_{rel_type}_{a}_{b}.csv")
            with open(path, "w", newline="", encoding="utf-8") as o:
                csv.writer(o).writerows(groups[(a, b)])
            option = f", from='{a}', to='{b}'" if len(pairs) > 1 else ""
            copies.append(f"COPY {rel_type} FROM '{path}' (header=false{option})")
    return ddl, copies


def graph_stamp(graph):
    """Names, sizes and modification times of the graph's files: the peers' copy is redone when they change."""
    return [[n, os.stat(os.path.join(graph, n)).st_size, os.stat(os.path.join(graph, n)).st_mtime_ns] for n in csv_files(graph)]


def cached_peer_tables(graph, out):
    manifest = os.path.join(out, "manifest.json")
    stamp = graph_stamp(graph)
    try:
        with open(manifest, encoding="utf-8") as fh:
            saved = json.load(fh)
        if saved["stamp"] == stamp:
            return saved["ddl"], saved["copies"]
    except (OSError, ValueError, KeyError):
        pass
    log(f"writing the peers' per-table copy of the graph into {out} (not timed) …")
    ddl, copies = prepare_peer_tables(graph, out)
    with open(manifest, "w", encoding="utf-8") as fh:
        json.dump({"stamp": stamp, "ddl": ddl, "copies": copies}, fh)
    return ddl, copies


def hub_role(graph):
    """(name, REQUIRES out-degree) of the role with the most REQUIRES relationships (ties: smallest id)."""
    degree = {}
    names = {}
    for name in csv_files(graph):
        with open(os.path.join(graph, name), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = parse_header(next(reader, []))
            roles = [h[0] for h in header]
            if "START_ID" in roles and "TYPE" in roles:
                s, t = roles.index("START_ID"), roles.index("TYPE")
                for row in reader:
                    if row[t] == "REQUIRES":
                        degree[row[s]] = degree.get(row[s], 0) + 1
            elif "ID" in roles and "LABEL" in roles:
                i, l = roles.index("ID"), roles.index("LABEL")
                n = [k for k, h in enumerate(header) if h[1] == "name" and h[0] == "PROP"]
                for row in reader:
                    if "Role" in row[l].split(";") and n:
                        names[row[i]] = row[n[0]]
    candidates = [(-d, k) for k, d in degree.items() if k in names]
    if not candidates:
        raise BenchError(f"{graph}: no Role with a name has a REQUIRES relationship; generate the graph with `kgq generate`")
    d, k = min(candidates)
    return names[k], -d


# MARK: - Venvs and workers

def ensure_venv(folder, requirement):
    python = os.path.join(folder, "bin", "python")
    if os.path.exists(python):
        check = subprocess.run([python, "-m", "pip", "show", "-q", requirement.split("==")[0]],
                               capture_output=True, text=True)
        version = requirement.split("==")[1]
        shown = subprocess.run([python, "-m", "pip", "show", requirement.split("==")[0]], capture_output=True, text=True).stdout
        if check.returncode == 0 and f"Version: {version}" in shown:
            return python
    log(f"installing {requirement} into a throwaway venv {folder} …")
    try:
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
    except subprocess.CalledProcessError:
        raise BenchError(f"cannot create a venv in {folder}; install Python's venv module (apt-get install python3-venv)")
    try:
        subprocess.run([python, "-m", "pip", "install", "-q", requirement], check=True)
    except subprocess.CalledProcessError:
        raise BenchError(f"pip could not install {requirement} into {folder}; check the network and try again")
    return python


class Peer:
    """A peer_worker.py process with the engine's database loaded in memory."""

    def __init__(self, engine, python, title):
        self.engine, self.title = engine, title
        self.process = subprocess.Popen([python, os.path.join(HERE, "peer_worker.py"), engine],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            return {"error": f"the {self.engine} worker exited (code {self.process.wait()})"}
        return json.loads(line)

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.write('{"cmd": "quit"}\n')
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# MARK: - kgq from outside

def run_checked(arguments):
    result = subprocess.run(arguments, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"{' '.join(arguments)} exited with {result.returncode}: {result.stderr.strip()[:500]}")
    return result.stdout


def timed_process(arguments, stdin_path=None):
    """Runs a process with stdout to /dev/null; (wall s, CPU s, peak RSS bytes, exit code, stderr)."""
    with tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            p = subprocess.Popen(arguments, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - start
            p.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                stdin.close()
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, p.returncode, message


def write_script(folder, name, text, copies):
    path = os.path.join(folder, f"{name}-{copies}.cypher")
    if not os.path.exists(path):
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            fh.write((text + ";\n") * copies)
        os.replace(path + ".tmp", path)
    return path


PROFILE_TIME = re.compile(r"time=([0-9.]+) ms")


def profile_estimate(plan, rows):
    """Seconds per run: a PROFILE plan's operator times, plus ~1 µs per returned row (JSON output)
    and ~50 µs per statement (reading, parsing and planning it; PROFILE times only the operators)."""
    ms = sum(float(m) for m in PROFILE_TIME.findall(plan or ""))
    return ms / 1000 + rows * 1e-6 + 50e-6


def choose_repeats(estimate, target, limit):
    """R: enough copies that the query part takes about `target` seconds, at least 3, at most `limit`."""
    per_run = max(estimate, 2e-6)
    return max(3, min(limit, int(round(target / per_run))))


def kgq_answers(kgq, graph, texts, cache):
    """One kgq process: each query once (its rows) and PROFILEd three times (its time estimate)."""
    script = "".join(f"{t};\nPROFILE {t};\nPROFILE {t};\nPROFILE {t};\n" for t in texts)
    path = os.path.join(cache, "answers.cypher")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(script)
    with open(path, "rb") as stdin:
        result = subprocess.run([kgq, "query", "--graph", graph, "--format", "json", *NO_ROW_BOUND], stdin=stdin,
                                capture_output=True, text=True)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if len(lines) != 4 * len(texts):
        raise BenchError(f"kgq printed {len(lines)} results for {4 * len(texts)} statements: {result.stderr.strip()[:500]}")
    out = []
    for k in range(len(texts)):
        first, profiles = lines[4 * k], lines[4 * k + 1: 4 * k + 4]
        if "error" in first:
            out.append({"error": first["error"].get("message", str(first["error"])), "estimate_s": 0.001})
            continue
        estimate = min(profile_estimate(p.get("plan"), len(p.get("rows", []))) for p in profiles)
        out.append({"rows": first["rows"], "estimate_s": estimate})
    return out


# MARK: - Answers

def normal(value, sort_lists=False):
    if isinstance(value, float):
        return round(value, 6) if value != int(value) else int(value)
    if isinstance(value, list):
        items = [normal(v, sort_lists) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True)) if sort_lists else items
    if isinstance(value, dict):
        return {k: normal(v, sort_lists) for k, v in value.items()}
    return value


def null_as_empty_list(row):
    return [[] if v is None else v for v in row]


def agreement(mode, kgq_rows, peer_rows, known_extra=0):
    """'yes', 'no', 'count' (same number of rows, LIMIT without ORDER BY), 'yes (+N known)'
    (two-hop) or 'yes (NULL for [] known)' (collect)."""
    if kgq_rows is None or peer_rows is None:
        return "–"
    sort_lists = mode == "collect"
    a = [json.dumps(normal(r, sort_lists), sort_keys=True) for r in kgq_rows]
    b = [json.dumps(normal(r, sort_lists), sort_keys=True) for r in peer_rows]
    if mode == "collect" and sorted(a) != sorted(b):
        b2 = sorted(json.dumps(normal(null_as_empty_list(r), True), sort_keys=True) for r in peer_rows)
        return "yes (NULL for [] known)" if sorted(a) == b2 else "no"
    if mode == "ordered":
        return "yes" if a == b else "no"
    if mode == "count":
        if len(a) != len(b):
            return "no"
        return "yes" if sorted(a) == sorted(b) else "count"
    if sorted(a) == sorted(b):
        return "yes"
    if mode == "two-hop" and len(kgq_rows) == 1 == len(peer_rows):
        try:
            extra = peer_rows[0][0] - kgq_rows[0][0]
        except (TypeError, IndexError):
            return "no"
        if extra == known_extra and extra != 0:
            return f"yes (+{extra} known)"
    return "no"


# MARK: - Output

def log(text):
    print(text, file=sys.stderr, flush=True)


def fmt_time(seconds):
    if seconds is None:
        return "–"
    if seconds <= 0:   # T(load + R×Q) came out below T(load + R×RETURN 1): the query drowned in noise
        return "≤ 0 (noise)"
    ms = seconds * 1000
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 10:
        return f"{ms:.1f} ms"
    if ms >= 0.1:
        return f"{ms:.2f} ms"
    return f"{ms * 1000:.1f} µs"


def fmt_ratio(mine, best):
    if mine is None or best is None or best <= 0 or mine <= 0:
        return "–"
    return f"{mine / best:.2f}"


def table(rows, peer_titles):
    head = ["", *peer_titles, "kgq", "kgq / best peer", "kgq / best peer, CPU", "answers agree"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        lines.append("| " + " | ".join(r) + " |")
    return "\n".join(lines)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            memory = f"{int(fh.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "system": platform.platform(),
            "python": platform.python_version(), "load_average": list(load) if load else None}


# MARK: - The run

def parse_arguments(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kgq", default=os.path.join(REPO, ".build", "release", "kgq"), help="the kgq executable (release build)")
    ap.add_argument("--cache", default="/tmp/kgq-bench-peers", help="folder for the graph, the peers' copy and the venvs")
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="one round, short runs: a few minutes")
    ap.add_argument("--rounds", type=int, help="alternating rounds per query (default 5, quick 1)")
    ap.add_argument("--load-rounds", type=int, help="loads of each engine (default 3, quick 1)")
    ap.add_argument("--runs", type=int, help="timed runs per peer per round (default 20, quick 5)")
    ap.add_argument("--target", type=float, help="seconds the R copies of a query should take in kgq (default 5, quick 1)")
    ap.add_argument("--max-repeats", type=int, default=200_000, help="upper bound for R")
    ap.add_argument("--only", help="run only the queries whose key or title contains this text")
    ap.add_argument("--json", default=os.path.join(HERE, "results.json"), help="where to write the results")
    args = ap.parse_args(argv)
    quick = args.quick
    def default(value, quick_value, full_value):
        return value if value is not None else (quick_value if quick else full_value)
    args.rounds = default(args.rounds, 1, 5)
    args.load_rounds = default(args.load_rounds, 1, 3)
    args.runs = default(args.runs, 5, 20)
    args.target = default(args.target, 1.0, 5.0)
    for flag, value, low in (("--rounds", args.rounds, 1), ("--load-rounds", args.load_rounds, 1), ("--runs", args.runs, 1),
                             ("--nodes", args.nodes, 6), ("--edges", args.edges, 0), ("--max-repeats", args.max_repeats, 10)):
        if value < low:
            ap.error(f"{flag} must be at least {low}, got {value}")
    if not args.target > 0:
        ap.error(f"--target must be a positive number of seconds, got {args.target}")
    return args


def main(argv=None):
    args = parse_arguments(argv if argv is not None else sys.argv[1:])
    kgq = os.path.abspath(args.kgq)
    if not os.access(kgq, os.X_OK):
        raise BenchError(f"no kgq executable at {kgq}; build it with `swift build -c release --product kgq` or pass --kgq PATH")
    graph = os.path.join(args.cache, "graph")
    scripts = os.path.join(args.cache, "scripts")
    os.makedirs(scripts, exist_ok=True)
    ensure_graph(kgq, graph, args.nodes, args.edges, args.seed)
    ddl, copies = cached_peer_tables(graph, os.path.join(args.cache, "peer-csv"))
    hub, hub_degree = hub_role(graph)
    log(f"hub role: '{hub}' ({hub_degree} REQUIRES)")
    chosen = [q for q in queries(hub) if not args.only or args.only.lower() in (q[0] + " " + q[1]).lower()]
    if not chosen:
        raise BenchError(f"--only '{args.only}' matches no query; keys: {', '.join(q[0] for q in queries(hub))}")
    pythons = {engine: ensure_venv(os.path.join(args.cache, f"venv-{engine}"), req) for engine, req, _ in PEERS}

    load_flags = ["--no-cache"] if "--no-cache" in run_checked([kgq, "query", "--help"]) else []
    kgq_load = {"wall_s": [], "cpu_s": [], "peak_rss_bytes": []}
    peer_load = {engine: [] for engine, _, _ in PEERS}
    peers = {}
    for k in range(args.load_rounds):
        log(f"load round {k + 1}/{args.load_rounds}")
        wall, cpu, peak, code, err = timed_process([kgq, "query", "--graph", graph, "--format", "json", *load_flags, "RETURN 1"])
        if code != 0:
            raise BenchError(f"kgq could not load {graph} (exit code {code}): {err.strip()[:500]}")
        kgq_load["wall_s"].append(wall)
        kgq_load["cpu_s"].append(cpu)
        kgq_load["peak_rss_bytes"].append(peak)
        for engine, _, title in PEERS:
            if engine in peers:
                peers.pop(engine).close()
            peer = Peer(engine, pythons[engine], title)
            answer = peer.ask({"cmd": "load", "ddl": ddl, "copies": copies})
            if "error" in answer:
                peer.close()
                raise BenchError(f"{title} could not load the graph: {answer['error']}")
            peer_load[engine].append(answer)
            peers[engine] = peer

    log("kgq: answers and PROFILE estimates")
    answers = kgq_answers(kgq, graph, [q[2] for q in chosen], args.cache)

    results = []
    try:
        for (key, title, text, mode), answer in zip(chosen, answers):
            repeats = choose_repeats(answer["estimate_s"], args.target, args.max_repeats)
            query_script = write_script(scripts, key, text, repeats)
            base_script = write_script(scripts, "return-1", "RETURN 1", repeats)
            log(f"{key}: R = {repeats} (PROFILE estimate {fmt_time(answer['estimate_s'])})")
            kgq_runs, peer_runs, peer_rows, errors = [], {e: [] for e, _, _ in PEERS}, {}, {}
            peer_cpu = {e: [] for e, _, _ in PEERS}
            for k in range(args.rounds):
                pair = {}
                # Alternate the order of the two kgq processes too, so drift within a round cancels.
                for which in (("query", "base") if k % 2 == 0 else ("base", "query")):
                    path = query_script if which == "query" else base_script
                    pair[which] = timed_process([kgq, "query", "--graph", graph, "--format", "json", *NO_ROW_BOUND], path)
                if pair["query"][3] != 0 or pair["base"][3] != 0:
                    errors["kgq"] = (pair["query"][4] or pair["base"][4]).strip()[:300]
                else:
                    kgq_runs.append({"query_wall_s": pair["query"][0], "base_wall_s": pair["base"][0],
                                     "query_cpu_s": pair["query"][1], "base_cpu_s": pair["base"][1],
                                     "per_query_s": (pair["query"][0] - pair["base"][0]) / repeats,
                                     "per_query_cpu_s": (pair["query"][1] - pair["base"][1]) / repeats})
                for engine, _, _ in PEERS:
                    reply = peers[engine].ask({"cmd": "query", "text": text, "warmup": 3 if k == 0 else 1, "runs": args.runs})
                    if "error" in reply:
                        errors[engine] = reply["error"][:300]
                    else:
                        peer_runs[engine].extend(reply["samples_s"])
                        peer_cpu[engine].extend(reply.get("cpu_samples_s", []))
                        peer_rows[engine] = reply["rows"]
            kgq_median = statistics.median(r["per_query_s"] for r in kgq_runs) if kgq_runs else None
            entry = {"key": key, "title": title, "query": text, "compare": mode, "repeats": repeats,
                     "kgq": {"median_s": kgq_median, "runs": kgq_runs,
                             "cpu_median_s": statistics.median(r["per_query_cpu_s"] for r in kgq_runs) if kgq_runs else None,
                             "rows": len(answer.get("rows") or []), "error": answer.get("error") or errors.get("kgq")},
                     "peers": {}}
            for engine, _, _ in PEERS:
                samples = peer_runs[engine]
                rows = peer_rows.get(engine)
                entry["peers"][engine] = {
                    "median_s": statistics.median(samples) if samples else None,
                    "min_s": min(samples) if samples else None, "samples": len(samples),
                    "cpu_median_s": statistics.median(peer_cpu[engine]) if peer_cpu[engine] else None,
                    "rows": len(rows) if rows is not None else None, "error": errors.get(engine),
                    "agree": agreement(mode, answer.get("rows"), rows, hub_degree if mode == "two-hop" else 0),
                    "answer": rows if rows is not None and len(rows) <= 3 else None}
            entry["kgq"]["answer"] = answer.get("rows") if answer.get("rows") is not None and len(answer["rows"]) <= 3 else None
            results.append(entry)
            log("  " + ", ".join([f"kgq {fmt_time(kgq_median)}"] +
                                 [f"{e} {fmt_time(entry['peers'][e]['median_s'])} ({entry['peers'][e]['agree']})" for e, _, _ in PEERS]))
    finally:
        for peer in peers.values():
            peer.close()

    report = summarise(args, kgq, graph, hub, hub_degree, kgq_load, peer_load, results)
    print(report["table"])
    folder = os.path.dirname(os.path.abspath(args.json))
    os.makedirs(folder, exist_ok=True)
    with open(args.json + ".tmp", "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
    os.replace(args.json + ".tmp", args.json)
    log(f"wrote {args.json}")
    return 0


def summarise(args, kgq, graph, hub, hub_degree, kgq_load, peer_load, results):
    titles = [t for _, _, t in PEERS]
    rows = []
    peer_load_s = {e: statistics.median(a["load_s"] for a in peer_load[e]) for e, _, _ in PEERS}
    peer_peak = {e: max(a["peak_rss_bytes"] for a in peer_load[e]) for e, _, _ in PEERS}
    kgq_load_s = statistics.median(kgq_load["wall_s"])
    kgq_peak = max(kgq_load["peak_rss_bytes"])
    best_load = min(peer_load_s.values())
    best_peak = min(peer_peak.values())
    peer_load_cpu = {e: statistics.median(a["cpu_s"] for a in peer_load[e]) for e, _, _ in PEERS}
    kgq_load_cpu = statistics.median(kgq_load["cpu_s"])
    rows.append(["load CSV, wall (CPU) — peers: COPY in memory; kgq: whole process, `RETURN 1`",
                 *[f"{fmt_time(peer_load_s[e])} ({fmt_time(peer_load_cpu[e])})" for e, _, _ in PEERS],
                 f"{fmt_time(kgq_load_s)} ({fmt_time(kgq_load_cpu)})", fmt_ratio(kgq_load_s, best_load),
                 fmt_ratio(kgq_load_cpu, min(peer_load_cpu.values())), ""])
    rows.append(["peak RSS after load (whole process)", *[f"{peer_peak[e] / 1e6:.0f} MB" for e, _, _ in PEERS],
                 f"{kgq_peak / 1e6:.0f} MB", fmt_ratio(kgq_peak, best_peak), "", ""])
    for r in results:
        medians = [r["peers"][e]["median_s"] for e, _, _ in PEERS]
        cells = [("error" if r["peers"][e]["error"] and m is None else fmt_time(m)) for (e, _, _), m in zip(PEERS, medians)]
        best = min((m for m in medians if m is not None), default=None)
        mine = r["kgq"]["median_s"]
        kgq_cell = "error" if r["kgq"]["error"] and mine is None else fmt_time(mine)
        agree = ", ".join(f"{e}: {r['peers'][e]['agree']}" for e, _, _ in PEERS)
        best_cpu = min((r["peers"][e].get("cpu_median_s") for e, _, _ in PEERS
                        if r["peers"][e].get("cpu_median_s") is not None), default=None)
        rows.append([r["title"], *cells, kgq_cell, fmt_ratio(mine, best), fmt_ratio(r["kgq"]["cpu_median_s"], best_cpu), agree])
    text = table(rows, titles)
    return {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "quick": args.quick, "rounds": args.rounds, "load_rounds": args.load_rounds, "peer_runs_per_round": args.runs,
            "target_s": args.target, "kgq": kgq, "graph": {"folder": graph, "nodes": args.nodes, "edges": args.edges, "seed": args.seed},
            "hub": {"name": hub, "requires": hub_degree},
            "load": {"kgq": kgq_load, "peers": peer_load},
            "results": results, "table": text}


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench-peers: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
