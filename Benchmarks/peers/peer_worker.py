#!/usr/bin/env python3
"""One peer engine (Kùzu or LadybugDB) in its own process, driven by bench_peers.py.

Run inside the engine's own venv: `python peer_worker.py kuzu` or `python peer_worker.py ladybug`
(the two packages cannot share a Python process). It reads one JSON request per line on
stdin and answers each with one JSON line on stdout:

    {"cmd": "load", "ddl": [...], "copies": [...]}
        -> {"engine", "version", "load_s", "cpu_s", "peak_rss_bytes"}
    {"cmd": "query", "text": "...", "warmup": 3, "runs": 20}
        -> {"median_s", "min_s", "samples_s", "cpu_samples_s", "rows"}   (rows: the last run's result)
    {"cmd": "quit"}

The database lives in memory (":memory:"). Load time is the DDL plus the COPY statements;
peak RSS is getrusage(RUSAGE_SELF).ru_maxrss of this whole process right after the COPY.
A query's time is one `execute` plus fetching every row into Python (`get_all`), as a
client of the engine sees it. Any failure is answered as {"error": "..."} and the worker
keeps going, so the driver can report which statement a peer rejected.
"""
import datetime
import decimal
import json
import resource
import statistics
import sys
import time

ENGINES = {"kuzu": "kuzu", "ladybug": "ladybug"}


def plain(value):
    """A JSON-encodable copy of a value an engine returned (lists and maps kept, the rest as text)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.timedelta)):
        return str(value)
    return str(value)


class Worker:
    def __init__(self, engine):
        if engine not in ENGINES:
            raise SystemExit(f"peer_worker.py: unknown engine '{engine}'; use one of: {', '.join(ENGINES)}")
        self.engine = engine
        self.module = __import__(ENGINES[engine])
        self.connection = None

    def version(self):
        return str(getattr(self.module, "__version__", "?"))

    def load(self, ddl, copies):
        db = self.module.Database(":memory:")
        self.connection = self.module.Connection(db)
        self._db = db   # keeps the database alive as long as the connection
        wall, cpu = time.perf_counter(), time.process_time()
        for statement in list(ddl) + list(copies):
            self.connection.execute(statement)
        load_s = time.perf_counter() - wall
        cpu_s = time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # kilobytes on Linux
        return {"engine": self.engine, "version": self.version(), "load_s": load_s, "cpu_s": cpu_s,
                "peak_rss_bytes": peak}

    def query(self, text, warmup, runs):
        if self.connection is None:
            raise RuntimeError("query before load")
        rows = None
        for _ in range(warmup):
            rows = self.connection.execute(text).get_all()
        samples, cpu = [], []
        for _ in range(max(1, runs)):
            start, start_cpu = time.perf_counter(), time.process_time()
            rows = self.connection.execute(text).get_all()
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)   # every thread of the process
        return {"median_s": statistics.median(samples), "min_s": min(samples), "samples_s": samples,
                "cpu_samples_s": cpu, "rows": [plain(list(r)) for r in rows]}

    def handle(self, request):
        cmd = request.get("cmd")
        if cmd == "load":
            return self.load(request["ddl"], request["copies"])
        if cmd == "query":
            return self.query(request["text"], int(request.get("warmup", 3)), int(request.get("runs", 20)))
        if cmd == "version":
            return {"engine": self.engine, "version": self.version()}
        raise ValueError(f"unknown command {cmd!r}")


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: peer_worker.py kuzu|ladybug")
    worker = Worker(sys.argv[1])
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("cmd") == "quit":
            break
        try:
            answer = worker.handle(request)
        except Exception as error:   # an engine's rejection goes back to the driver in words
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
