#!/usr/bin/env bash
# Deterministic deployment demo (docs/deployment.md "Deterministic demo"):
#   1. package the runbook's WASM module as the edge-wasm deliverable,
#   2. run one contract runner cycle over the success-only rollout fixture,
#   3. show the transport health and the status report (rollout gate, counts, freshness),
#   4. show the channel-store audit of the edge-wasm blueprint.
# State goes to .tau/demo-deployment (TAU_DEMO_STATE_DIR), removed first: two runs leave the same
# files, equal apart from the *_unix_ms timestamps (and the durations and ages derived from them).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TAU="${TAU_BIN:-$ROOT/bin/tau}"
STATE="${TAU_DEMO_STATE_DIR:-.tau/demo-deployment}"
FIXTURE="./crates/tau-coding-agent/testdata/deployment-contract/rollout-pass.json"
MODULE="./crates/tau-coding-agent/testdata/deployment-wasm/edge-runtime.wasm"

# the runbook's commands run from the repository root, where the testdata lives
cd "$ROOT"
for file in "$FIXTURE" "$MODULE"; do
  if [ ! -f "$file" ]; then
    echo "deployment demo: missing $file" >&2
    exit 1
  fi
done
rm -rf "$STATE"

echo "== 1. package the edge-wasm deliverable"
"$TAU" --deployment-state-dir "$STATE" \
  --deployment-wasm-package-module "$MODULE" \
  --deployment-wasm-package-blueprint-id edge-wasm \
  --deployment-wasm-package-output-dir "$STATE/wasm-artifacts" \
  --deployment-wasm-package-json

echo "== 2. one contract runner cycle"
"$TAU" --deployment-contract-runner \
  --deployment-fixture "$FIXTURE" \
  --deployment-state-dir "$STATE" \
  --deployment-queue-limit 64 \
  --deployment-processed-case-cap 10000 \
  --deployment-retry-max-attempts 4 \
  --deployment-retry-base-delay-ms 0

echo "== 3. transport health"
"$TAU" --deployment-state-dir "$STATE" \
  --transport-health-inspect deployment \
  --transport-health-json

echo "== 4. status"
"$TAU" --deployment-state-dir "$STATE" \
  --deployment-status-inspect \
  --deployment-status-json

echo "== 5. channel-store audit of edge-wasm"
store="$STATE/channel-store/channels/deployment/edge-wasm"
cat "$store/MEMORY.md"
sed 's/^/context: /' "$store/context.jsonl"

gate="$("$TAU" --deployment-state-dir "$STATE" --deployment-status-inspect |
  sed -n 's/.* rollout_gate=\([a-z]*\) .*/\1/p')"
if [ "$gate" != "pass" ]; then
  echo "deployment demo: rollout_gate=$gate (expected pass)" >&2
  exit 1
fi
echo "deployment demo: ok (rollout_gate=pass, state in $STATE)"
