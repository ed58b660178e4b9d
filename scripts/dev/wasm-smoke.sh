#!/usr/bin/env bash
# WASM compile + edge smoke harness (docs/deployment.md "WASM smoke harness").
#   1. package the runbook module (both runtime profiles) into a scratch state directory,
#   2. run every packaged deliverable (the scratch ones and those under the deployment state
#      directory, .tau/deployment or TAU_DEPLOYMENT_STATE_DIR) in Tau's JVM sandbox: verified
#      first, then instantiated with no WASI, file, network or clock access, bounded in
#      instructions, time and memory, its _start export run; pass/fail per deliverable,
#   3. the Cloudflare Workers and Deno probes (explicit "skipped" when the tool is missing).
# Exit 0 when everything that ran passed, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
TAU="${TAU_BIN:-$ROOT/bin/tau}"
MODULE="./crates/tau-coding-agent/testdata/deployment-wasm/edge-runtime.wasm"
STATE_DIR="${TAU_DEPLOYMENT_STATE_DIR:-.tau/deployment}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/tau-wasm-smoke.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

status=0
for profile in wasm-wasi channel-automation-wasi; do
  "$TAU" --deployment-state-dir "$SCRATCH" \
    --deployment-wasm-package-module "$MODULE" \
    --deployment-wasm-package-blueprint-id "smoke-$profile" \
    --deployment-wasm-package-runtime-profile "$profile" \
    --deployment-wasm-package-output-dir "$SCRATCH/wasm-artifacts"
done

dirs=(--deployment-wasm-smoke-dir "$SCRATCH/wasm-artifacts")
if [ -d "$STATE_DIR/wasm-artifacts" ]; then
  dirs+=(--deployment-wasm-smoke-dir "$STATE_DIR/wasm-artifacts")
fi
echo "== JVM sandbox (Chicory)"
"$TAU" --deployment-wasm-smoke "${dirs[@]}" || status=1

artifact="$(find "$SCRATCH/wasm-artifacts/smoke-wasm-wasi" -name '*.wasm' | head -n 1)"
echo "== Cloudflare Workers probe"
"$ROOT/scripts/edge/cloudflare-wasm-smoke.sh" "$artifact" || status=1
echo "== Deno probe"
"$ROOT/scripts/edge/deno-wasm-smoke.sh" "$artifact" || status=1

if [ "$status" -eq 0 ]; then
  echo "wasm smoke harness: pass"
else
  echo "wasm smoke harness: fail"
fi
exit "$status"
