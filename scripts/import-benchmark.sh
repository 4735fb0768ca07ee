#!/usr/bin/env bash
# Imports a generated feedback CSV of about SIZE_MB megabytes into a fresh embedded instance
# whose heap is capped (default 512 MB), and prints rows/s and the process's peak memory.
# A second upload of the same file measures the all-duplicates path.
#   usage: scripts/import-benchmark.sh [SIZE_MB, default 100] [HEAP, default 512m]
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB="${1:-100}"
HEAP="${2:-512m}"
PORT="${BENCH_PORT:-18090}"
KEY="import-benchmark-key-0123456789"
JAR=target/journey-assistant.jar
[ -f "$JAR" ] || mvn -B -q -ntp package -DskipTests

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "generating ~${SIZE_MB} MB of feedback CSV"
awk -v target=$((SIZE_MB * 1024 * 1024)) 'BEGIN {
  srand(42); print "text;csat;nps;date;source;segment;external_id"
  split("De bezorging was te laat|Top service en snelle levering|De accu gaat minder lang mee dan beloofd|Checkout liep vast bij het betalen|Monteur legde alles duidelijk uit|Ik wacht al twee weken op een reactie van de klantenservice|The app keeps logging me out|Great bike, delivery was on time", t, "|")
  split("review|survey|ticket|chat|call", s, "|")
  bytes = 0; n = 0
  while (bytes < target) {
    n++
    line = sprintf("\"%s, bestelling %d; mail me op klant%d@example.nl\";%d;%d;2026-%02d-%02d;%s;segment-%d;B-%d",
      t[int(rand() * 8) + 1], 100000 + n, n, int(rand() * 5) + 1, int(rand() * 11), int(rand() * 12) + 1,
      int(rand() * 28) + 1, s[int(rand() * 5) + 1], n % 7, n)
    print line; bytes += length(line) + 1
  }
}' > "$work/feedback.csv"
rows=$(($(wc -l < "$work/feedback.csv") - 1))
echo "rows: $rows, size: $(du -m "$work/feedback.csv" | cut -f1) MB"

JOURNEY_DATA_DIR="$work/data" SERVER_PORT="$PORT" JOURNEY_DEMO_API_KEY="$KEY" \
  JOURNEY_EVIDENCE_MAX_UPLOAD_SIZE=1GB java -Xmx"$HEAP" -jar "$JAR" > "$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.1; done

upload() {
  local t0 t1
  t0=$(date +%s%3N)
  curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$work/feedback.csv" \
    "http://127.0.0.1:$PORT/api/workspaces/demo/evidence/feedback" > "$work/result.json"
  t1=$(date +%s%3N)
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("received=%d stored=%d duplicates=%d rejected=%d" % (r["received"], r["stored"], r["duplicates"], r["rejected"]))' "$work/result.json"
  echo "$1: $(( (t1 - t0) )) ms, $(( rows * 1000 / (t1 - t0 + 1) )) rows/s"
}
upload "first import"
upload "re-import (all duplicates)"
echo "peak RSS: $(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' /proc/$pid/status), heap cap: $HEAP"
