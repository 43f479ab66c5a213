#!/usr/bin/env bash
# Instructions kgq executes inside QuerySession.run (parse, bind, plan, execute; not the load,
# not the output), counted by callgrind: repeatable on a busy machine, where wall and CPU times
# of whole processes vary by more than the queries take.
#   Benchmarks/query_instructions.sh BINARY GRAPH "QUERY" [REPEATS]
# prints the instructions per statement (total / REPEATS).
set -euo pipefail
bin=$1 graph=$2 query=$3 reps=${4:-5}
input=$(mktemp) out=$(mktemp)
trap 'rm -f "$input" "$out"' EXIT
for _ in $(seq "$reps"); do printf '%s;\n' "$query"; done > "$input"
valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
  --toggle-collect='$s7KGQuery12QuerySessionV3run*' \
  "$bin" query --graph "$graph" --format csv --max-rows 100000000 < "$input" > /dev/null 2>&1
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
echo $(( total / reps ))
