#!/bin/sh
# A Spark standalone cluster on loopback for kgq's Spark engine: one master, two workers (each
# its own JVM, 1 core and SPARK_WORKER_MEM of memory) and a Spark Connect server
# (sc://127.0.0.1:$SPARK_CONNECT_PORT) whose driver runs its jobs on the cluster. Everything
# comes from the pyspark wheel in the venv `make spark-deps` builds; state (logs, pids,
# warehouse, Hive metastore) lives in $SPARK_STATE.
#
#   Tools/spark-cluster.sh start | stop | status
set -eu
VENV=${SPARK_VENV:-.build/spark-venv}
STATE=${SPARK_STATE:-.build/spark}
MASTER_PORT=${SPARK_MASTER_PORT:-7077}
CONNECT_PORT=${SPARK_CONNECT_PORT:-15002}
WORKER_MEM=${SPARK_WORKER_MEM:-1g}
START_TIMEOUT=${SPARK_START_TIMEOUT:-180}

die() { echo "spark-cluster: $*" >&2; exit 2; }

spark_home() {
  [ -x "$VENV/bin/python" ] || die "no venv at $VENV: run 'make spark-deps' first"
  "$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'
}


# Waits until 127.0.0.1:$1 accepts connections or the process in pid file $2 has died.
wait_port() {
  n=0
  while ! bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; do
    kill -0 "$(cat "$2")" 2>/dev/null || die "$(basename "$2" .pid) exited; see $STATE/logs/$(basename "$2" .pid).log"
    n=$((n + 1)); [ $n -le "$START_TIMEOUT" ] || die "port $1 not open after ${START_TIMEOUT}s; see $STATE/logs"
    sleep 1
  done
}

start_one() { # name, command…
  name=$1; shift
  if [ -f "$STATE/pids/$name.pid" ] && kill -0 "$(cat "$STATE/pids/$name.pid")" 2>/dev/null; then
    echo "spark-cluster: $name already running (pid $(cat "$STATE/pids/$name.pid"))"; return 0
  fi
  nohup "$@" >"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$STATE/pids/$name.pid"
}

start() {
  command -v java >/dev/null 2>&1 || die "java not found: run 'make spark-deps' (installs openjdk-17-jre-headless)"
  home=$(spark_home)
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/warehouse" "$STATE/work"
  abs=$(cd "$STATE" && pwd)
  daemon_mem=${SPARK_DAEMON_MEMORY:-256m}
  export SPARK_HOME="$home" SPARK_LOG_DIR="$abs/logs" SPARK_PID_DIR="$abs/pids"
  export PYSPARK_PYTHON="$(cd "$VENV" && pwd)/bin/python"
  start_one master env SPARK_DAEMON_MEMORY="$daemon_mem" "$home/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "${SPARK_MASTER_UI_PORT:-8090}"
  wait_port "$MASTER_PORT" "$STATE/pids/master.pid"
  for w in 1 2; do
    start_one worker$w env SPARK_DAEMON_MEMORY="$daemon_mem" "$home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 1 --memory "$WORKER_MEM" --webui-port 0 --work-dir "$abs/work/worker$w" \
      "spark://127.0.0.1:$MASTER_PORT"
  done
  start_one connect "$home/bin/spark-submit" --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --name kgq-connect --master "spark://127.0.0.1:$MASTER_PORT" \
    --driver-memory "${SPARK_DRIVER_MEM:-1g}" --executor-memory "${SPARK_EXECUTOR_MEM:-768m}" \
    --conf spark.executor.cores=1 --conf spark.cores.max=2 \
    --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$CONNECT_PORT" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=4 \
    --conf spark.sql.catalogImplementation=hive --conf spark.sql.warehouse.dir="$abs/warehouse" \
    --conf spark.hadoop.javax.jdo.option.ConnectionURL="jdbc:derby:;databaseName=$abs/metastore_db;create=true" \
    --conf spark.driver.extraJavaOptions="-Dderby.system.home=$abs" \
    --conf spark.sql.caseSensitive=true
  wait_port "$CONNECT_PORT" "$STATE/pids/connect.pid"
  echo "spark-cluster: master spark://127.0.0.1:$MASTER_PORT, 2 workers, Spark Connect sc://127.0.0.1:$CONNECT_PORT (logs in $STATE/logs)"
}

stop() {
  for name in connect worker2 worker1 master; do
    f="$STATE/pids/$name.pid"
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 30 ]; do sleep 1; n=$((n + 1)); done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "spark-cluster: stopped $name (pid $pid)"
    fi
    rm -f "$f"
  done
}

status() {
  for name in master worker1 worker2 connect; do
    f="$STATE/pids/$name.pid"
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: Tools/spark-cluster.sh start|stop|status" >&2; exit 2 ;;
esac
