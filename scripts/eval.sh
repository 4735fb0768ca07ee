#!/usr/bin/env bash
# Runs evaluation suites from eval/suites on the demo workspace and writes eval/reports/<suite>/.
#   scripts/eval.sh smoke                  offline: real ingestion, retrieval and validation, a scripted model
#   scripts/eval.sh smoke,critical         several suites, one start of the service
#   scripts/eval.sh live --live            against the model configured by JOURNEY_LLM_* (see README)
#   scripts/eval.sh full --postgres jdbc:postgresql://127.0.0.1:5432/journey_eval?user=postgres
# Exits 1 when a suite misses a threshold.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/eval-classpath.txt
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/eval-classpath.txt)" \
  com.journeyassistant.eval.EvalRunner "$@"
