#!/usr/bin/env bash
# make perf-check: the gateway under load with thresholds (dev.tau.bench.load.PerfCheck). Options
# after the script name go to PerfCheck, for example --requests 300 --healthz-p95-ms 50.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GATE=perf-check

step "building the gateway (cli) and the load harness (bench)"
mvn -q -DskipTests -Dspotless.check.skip=true package -pl cli,bench -am \
  || fail $GATE "cannot build the gateway or the harness"
# bin/tau runs this build as it is (TAU_SKIP_BUILD=1 in the harness); mark it current
touch cli/target/tau-build.stamp
JAVA=$(gate_java)

step "load: GET /healthz and POST /v1/a2a/ping against a fresh gateway"
"$JAVA" -cp "bench/target/tau-bench.jar:bench/target/lib/*" dev.tau.bench.load.PerfCheck \
  --tau "$ROOT/bin/tau" --out .tau/perf/perf-check.json "$@" \
  || fail $GATE "a threshold was missed or the run failed (see above)"
