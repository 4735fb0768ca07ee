#!/usr/bin/env bash
# Measures start-up of the embedded default: wall time from launching the jar until
# /actuator/health answers UP, and resident memory at that moment. Runs a first start on an
# empty data folder (migrations + demo seeding) and restarts on the seeded folder.
#   usage: scripts/startup-benchmark.sh [runs per kind, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-5}"
PORT="${BENCH_PORT:-18080}"
JAR=target/journey-assistant.jar
[ -f "$JAR" ] || mvn -B -q -ntp package -DskipTests

now_ms() { date +%s%3N; }

start_once() {  # $1 = data dir; prints "<ms> <rss MiB>"
  local data=$1 t0 pid ms rss
  t0=$(now_ms)
  JOURNEY_DATA_DIR="$data" SERVER_PORT="$PORT" java -jar "$JAR" >"$data.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "service exited; see $data.log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( $(now_ms) - t0 ))
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms $rss"
}

summary() {  # label, then lines of "<ms> <rss>"
  sort -n | awk -v label="$1" '{ ms[NR] = $1; rss += $2 } END {
    printf "%-28s runs=%d  median=%d ms  min=%d ms  max=%d ms  mean RSS=%d MiB\n",
      label, NR, ms[int((NR + 1) / 2)], ms[1], ms[NR], rss / NR }'
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
first=""; restart=""
for i in $(seq 1 "$RUNS"); do
  first+="$(start_once "$work/first-$i")"$'\n'
  restart+="$(start_once "$work/first-$i")"$'\n'
done
printf '%s' "$first" | summary "first start (seeds demo)"
printf '%s' "$restart" | summary "restart (seeded data)"
