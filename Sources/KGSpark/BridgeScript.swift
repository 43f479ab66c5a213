/// The Python side of `SparkSession`: a Spark Connect client (pyspark's, `pyspark[connect]`)
/// that reads one JSON request per line on stdin and answers one JSON line on stdout. It holds
/// the Connect session open, so each statement costs one round trip to the cluster.
///
/// Requests: `{"op": "sql", "sql": …}` → `{"rows": [[…], …]}`; `{"op": "explain", "sql": …}` →
/// `{"plan": …}`; `{"op": "load", "table", "ddl", "file", "partitions", "by"}` (JSON lines to a
/// Parquet table) → `{"rows": N}`. Any failure → `{"error": …, "class": …}`.
enum BridgeScript {
    static let source = #"""
import sys, json, datetime, decimal, os
out = sys.stdout
sys.stdout = sys.stderr  # anything pyspark prints must not reach the protocol
def send(o):
    out.write(json.dumps(o, ensure_ascii=False, allow_nan=False) + "\n"); out.flush()
def cell(v):
    if isinstance(v, float):
        if v != v: return {"$float": "NaN"}
        if v in (float("inf"), float("-inf")): return {"$float": "Inf" if v > 0 else "-Inf"}
        return v
    if isinstance(v, decimal.Decimal): return float(v)
    if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
    if isinstance(v, (list, tuple)): return [cell(x) for x in v]
    if isinstance(v, dict): return {str(k): cell(x) for k, x in v.items()}
    if hasattr(v, "asDict"): return {k: cell(x) for k, x in v.asDict().items()}
    return v
try:
    import socket, urllib.parse
    # Fail fast on an address nobody listens at (pyspark's client would retry for minutes).
    where = urllib.parse.urlparse(sys.argv[1].split(";")[0].replace("sc://", "http://", 1))
    try:
        socket.create_connection((where.hostname or "localhost", where.port or 15002), timeout=5).close()
    except OSError as e:
        send({"error": "nothing answers at %s:%s (%s)" % (where.hostname, where.port or 15002, e.strerror or e), "class": "ConnectionError"}); sys.exit(0)
    import warnings; warnings.simplefilter("ignore")
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.remote(sys.argv[1]).getOrCreate()
    spark.sql("SELECT 1").collect()
    send({"ready": spark.version})
except Exception as e:
    send({"error": str(e).strip().split("\n")[0][:2000], "class": type(e).__name__}); sys.exit(0)
for line in sys.stdin:
    try:
        req = json.loads(line)
        op = req["op"]
        if op == "sql":
            send({"rows": [[cell(v) for v in r] for r in spark.sql(req["sql"]).collect()]})
        elif op == "explain":
            send({"plan": spark.sql("EXPLAIN FORMATTED " + req["sql"]).collect()[0][0]})
        elif op == "load":
            df = spark.read.schema(req["ddl"]).json("file://" + os.path.abspath(req["file"]))
            df.repartition(req["partitions"], req["by"]).write.mode("overwrite").format("parquet").saveAsTable(req["table"])
            send({"rows": spark.table(req["table"]).count()})
        else:
            send({"error": "unknown request " + op, "class": "ProtocolError"})
    except Exception as e:
        send({"error": str(e).strip()[:4000], "class": type(e).__name__})
"""#
}
