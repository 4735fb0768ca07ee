#!/usr/bin/env bash
# Benchmarks against a real database; figures are printed, nothing is asserted.
#   scripts/benchmark.sh search postgres 100000       hybrid search p50/p95, short and long distinct queries, and
#                                                     recall on PostgreSQL
#   scripts/benchmark.sh search h2 20000              the same on the embedded back end
#   scripts/benchmark.sh ingest h2 20000              import-to-indexed throughput vs the bare model
#   scripts/benchmark.sh csv h2 200000                the upload reader alone: CSV rows/s, a 190,000-column header
#   scripts/benchmark.sh generation postgres 20000    the service's own time per generation request
#                                                     (a WireMock model answering at once)
#   scripts/benchmark.sh chat postgres 50             first-token delay of streamed chat answers, then 50
#                                                     conversations streaming at once (errors, heap)
#   scripts/benchmark.sh web postgres 20000           the journey canvas page: 60 touchpoints, N feedback items, one
#                                                     person, then 64 signed-in people loading it at once
#   scripts/benchmark.sh viewers postgres 64          N signed-in people loading the demo journey's canvas at once
#   scripts/benchmark.sh analytics postgres 20000     a journey's analytics over N feedback items: cold (first, and
#                                                     after map changes) and from the cache
#   scripts/benchmark.sh chat-page h2 50              N chat turns in headless Chromium: how soon the first words
#                                                     show in the page after the model sent them
#   scripts/benchmark.sh batch postgres 2000          a batch of N cells against a model allowing 600 requests a
#                                                     minute (300 ms answers): throughput against that ceiling,
#                                                     429s, heap after GC through the run, own time per cell
# PostgreSQL runs use a scratch database journey_bench on the local server (PGHOST, PGPORT, PGUSER).
# BENCH_REUSE=1 keeps it and searches the items an earlier run of the same size loaded.
# BENCH_JAVA_OPTS passes JVM options (a profiler, system properties) to the benchmark's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:?search, ingest, csv, generation, chat, web, viewers, analytics, chat-page or batch}"
BACKEND="${2:?postgres or h2}"
ITEMS="${3:?number of items (for chat: of concurrent conversations)}"

# the benchmarks measure the service, not its quotas: no limits on model requests or tokens
export JOURNEY_QUOTA_KEY_CALLS_PER_MINUTE=0 JOURNEY_QUOTA_WORKSPACE_CALLS_PER_MINUTE=0 \
       JOURNEY_QUOTA_KEY_TOKENS_PER_DAY=0 JOURNEY_QUOTA_WORKSPACE_TOKENS_PER_DAY=0
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$BACKEND" = postgres ]; then
  host="${PGHOST:-127.0.0.1}"; port="${PGPORT:-5432}"; user="${PGUSER:-postgres}"
  if [ "${BENCH_REUSE:-}" != 1 ] || ! psql -h "$host" -p "$port" -U "$user" -lqt | cut -d'|' -f1 | grep -qw journey_bench; then
    psql -h "$host" -p "$port" -U "$user" -qc 'drop database if exists journey_bench with (force)' postgres
    psql -h "$host" -p "$port" -U "$user" -qc 'create database journey_bench' postgres
  fi
  export SPRING_DATASOURCE_URL="jdbc:postgresql://$host:$port/journey_bench?user=$user"
else
  export JOURNEY_DATA_DIR="$work/data"
fi
case "$MODE" in
  generation) main=com.journeyassistant.generation.GenerationBenchmark ;;
  chat) main=com.journeyassistant.chat.ChatBenchmark ;;
  web|viewers) main=com.journeyassistant.web.WebBenchmark ;;
  analytics) main=com.journeyassistant.analytics.AnalyticsBenchmark ;;
  chat-page) main=com.journeyassistant.web.ChatPageBenchmark ;;
  batch) main=com.journeyassistant.batch.BatchBenchmark ;;
  *) main=com.journeyassistant.evidence.EvidenceBenchmark ;;
esac
java ${BENCH_JAVA_OPTS:-} -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" "$main" "$MODE" "$ITEMS"
