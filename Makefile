# Release gates (docs/operations.md "Release gates"; the GA runbook calls them by these names).
# Each target runs a script in scripts/gates/ and exits non-zero with a line saying what failed.
#   MVN_FLAGS=-o           extra flags for every Maven call (here: offline)
#   PERF_ARGS="--requests 600"   options for dev.tau.bench.load.PerfCheck
#   EVAL_MIN_PASS_RATE=0.9 the agent evaluation's pass threshold (default 1.0)
export MVN_FLAGS
export EVAL_MIN_PASS_RATE

.PHONY: release-check perf-check security-check quality-gate

release-check:
	scripts/gates/release-check.sh

perf-check:
	scripts/gates/perf-check.sh $(PERF_ARGS)

security-check:
	scripts/gates/security-check.sh

quality-gate:
	scripts/gates/quality-gate.sh
