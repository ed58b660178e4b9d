#!/usr/bin/env bash
# Fail-closed operator readiness check (docs/operations.md): checks the live gateway status, the
# live cortex status, then the local operator control summary (bin/tau), and stops at the first
# failure. Exit 0 = every posture matches what was expected.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/dev/operator-readiness-live-check.sh [options]

Checks, in order and stopping at the first failure:
  1. GET <base-url>/gateway/status   health_state, rollout_gate and reason code
  2. GET <base-url>/cortex/status    health_state, rollout_gate and reason_code
  3. bin/tau --operator-control-summary --operator-control-summary-json
                                     (local .tau state of the current directory)

Options (environment variable in parentheses):
  --base-url <url>                       gateway URL (TAU_OPERATOR_BASE_URL;
                                         default http://127.0.0.1:${TAU_GATEWAY_PORT:-8791})
  --auth-mode <token|none>               (TAU_OPERATOR_AUTH_MODE; default token)
  --auth-token <token>                   bearer for token mode (TAU_OPERATOR_AUTH_TOKEN)
  --expect-gateway-health-state <v>      (TAU_OPERATOR_EXPECT_GATEWAY_HEALTH_STATE; default healthy)
  --expect-cortex-health-state <v>       (TAU_OPERATOR_EXPECT_CORTEX_HEALTH_STATE; default healthy)
  --expect-operator-health-state <v>     (TAU_OPERATOR_EXPECT_OPERATOR_HEALTH_STATE; default healthy)
  --expect-gateway-rollout-gate <v>      (TAU_OPERATOR_EXPECT_GATEWAY_ROLLOUT_GATE; default pass)
  --expect-cortex-rollout-gate <v>       (TAU_OPERATOR_EXPECT_CORTEX_ROLLOUT_GATE; default pass)
  --expect-operator-rollout-gate <v>     (TAU_OPERATOR_EXPECT_OPERATOR_ROLLOUT_GATE; default pass)
  --expect-rollout-gate <v>              sets all three rollout expectations
  --timeout-seconds <n>                  curl --max-time (TAU_OPERATOR_TIMEOUT_SECONDS; default 20)
  --quiet                                print nothing on success
  --help                                 print this help and exit

Exit codes: 0 pass; 1 a check failed or bad usage; a failing curl keeps its own code
(22 HTTP error such as 401/429, 7 connection refused, 28 timeout); a failing bin/tau keeps its code.
USAGE
}

# The repository root, from this script's own location (symlinks followed).
self=$0
while [ -L "$self" ]; do
  target=$(readlink "$self")
  case $target in /*) self=$target ;; *) self=$(dirname "$self")/$target ;; esac
done
script_dir=$(cd "$(dirname "$self")" && pwd -P)
repo_root=$(cd "$script_dir/../.." && pwd -P)
tau_bin="$repo_root/bin/tau"

base_url="${TAU_OPERATOR_BASE_URL:-http://127.0.0.1:${TAU_GATEWAY_PORT:-8791}}"
auth_mode="${TAU_OPERATOR_AUTH_MODE:-token}"
auth_token="${TAU_OPERATOR_AUTH_TOKEN:-}"
expect_gateway_health="${TAU_OPERATOR_EXPECT_GATEWAY_HEALTH_STATE:-healthy}"
expect_cortex_health="${TAU_OPERATOR_EXPECT_CORTEX_HEALTH_STATE:-healthy}"
expect_operator_health="${TAU_OPERATOR_EXPECT_OPERATOR_HEALTH_STATE:-healthy}"
expect_gateway_gate="${TAU_OPERATOR_EXPECT_GATEWAY_ROLLOUT_GATE:-pass}"
expect_cortex_gate="${TAU_OPERATOR_EXPECT_CORTEX_ROLLOUT_GATE:-pass}"
expect_operator_gate="${TAU_OPERATOR_EXPECT_OPERATOR_ROLLOUT_GATE:-pass}"
timeout_seconds="${TAU_OPERATOR_TIMEOUT_SECONDS:-20}"
quiet=false

usage_error() {
  echo "error: $1" >&2
  usage >&2
  exit 1
}

# need_value <option> <remaining-arg-count>: a usage error unless a value follows the option
need_value() {
  if [ "$2" -lt 2 ]; then
    usage_error "option '$1' requires a value"
  fi
}

while [ $# -gt 0 ]; do
  opt=$1
  case $opt in
    --*=*)
      # --option=value is the same as --option value
      name=${opt%%=*}
      shift
      set -- "$name" "${opt#*=}" "$@"
      continue
      ;;
  esac
  case $opt in
    --base-url) need_value "$opt" $#; base_url=$2; shift 2 ;;
    --auth-mode) need_value "$opt" $#; auth_mode=$2; shift 2 ;;
    --auth-token) need_value "$opt" $#; auth_token=$2; shift 2 ;;
    --expect-gateway-health-state) need_value "$opt" $#; expect_gateway_health=$2; shift 2 ;;
    --expect-cortex-health-state) need_value "$opt" $#; expect_cortex_health=$2; shift 2 ;;
    --expect-operator-health-state) need_value "$opt" $#; expect_operator_health=$2; shift 2 ;;
    --expect-gateway-rollout-gate) need_value "$opt" $#; expect_gateway_gate=$2; shift 2 ;;
    --expect-cortex-rollout-gate) need_value "$opt" $#; expect_cortex_gate=$2; shift 2 ;;
    --expect-operator-rollout-gate) need_value "$opt" $#; expect_operator_gate=$2; shift 2 ;;
    --expect-rollout-gate)
      need_value "$opt" $#
      expect_gateway_gate=$2
      expect_cortex_gate=$2
      expect_operator_gate=$2
      shift 2
      ;;
    --timeout-seconds) need_value "$opt" $#; timeout_seconds=$2; shift 2 ;;
    --quiet) quiet=true; shift ;;
    --help | -h) usage; exit 0 ;;
    *) usage_error "unknown option '$opt'" ;;
  esac
done

# Preconditions.
for cmd in curl jq; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "error: required command '$cmd' not found" >&2
    exit 1
  fi
done
if [ ! -x "$tau_bin" ]; then
  echo "error: required command '$tau_bin' not found" >&2
  exit 1
fi
if ! [[ $timeout_seconds =~ ^[0-9]+$ ]]; then
  echo "error: --timeout-seconds must be a whole number of seconds (got '$timeout_seconds')" >&2
  exit 1
fi
case $auth_mode in
  token | none) ;;
  *)
    echo "error: --auth-mode must be 'token' or 'none' (got '$auth_mode')" >&2
    exit 1
    ;;
esac
if [ "$auth_mode" = token ] && [ -z "$auth_token" ]; then
  echo "error: auth token required for token mode (set --auth-token or TAU_OPERATOR_AUTH_TOKEN)" >&2
  exit 1
fi
base_url=${base_url%/}

log() {
  if [ "$quiet" != true ]; then
    printf '%s\n' "$1"
  fi
}

# GET <url>: prints the body. The bearer goes to curl on stdin, never on its command line.
fetch() {
  local body rc=0
  if [ "$auth_mode" = token ]; then
    body=$(printf 'Authorization: Bearer %s\n' "$auth_token" |
      curl -sS --fail-with-body --max-time "$timeout_seconds" -H @- "$1") || rc=$?
  else
    body=$(curl -sS --fail-with-body --max-time "$timeout_seconds" "$1") || rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    if [ -n "$body" ]; then
      printf '%s\n' "$body" >&2
    fi
    echo "error: GET $1 failed (curl exit $rc)" >&2
    exit "$rc"
  fi
  printf '%s' "$body"
}

# fail <message> <payload>: report a failed check with the payload that caused it
fail() {
  echo "error: $1" >&2
  if [ -n "${2:-}" ]; then
    printf '%s\n' "$2" >&2
  fi
  exit 1
}

require_json() {
  if ! printf '%s' "$2" | jq -e 'type == "object"' >/dev/null 2>&1; then
    fail "$1 response is not a JSON object" "$2"
  fi
}

# 1. Gateway.
gateway_payload=$(fetch "$base_url/gateway/status")
require_json "gateway status" "$gateway_payload"
gateway_health=$(printf '%s' "$gateway_payload" | jq -r '
  .health_state // .events.health_state
  // (if .service.service_status == "running" then "healthy" else "" end)')
gateway_gate=$(printf '%s' "$gateway_payload" | jq -r '
  .rollout_gate // .service.rollout_gate // .events.rollout_gate // ""')
gateway_reason=$(printf '%s' "$gateway_payload" | jq -r '
  .rollout_reason_code // .reason_code // .service.rollout_reason_code
  // .service.guardrail_reason_code // .events.reason_code // .events.rollout_reason_code // ""')
if [ -z "$gateway_reason" ]; then
  fail "gateway status response missing rollout reason code" "$gateway_payload"
fi
if [ "$gateway_health" != "$expect_gateway_health" ]; then
  fail "gateway status health_state expected '$expect_gateway_health' but got '$gateway_health'" \
    "$gateway_payload"
fi
if [ "$gateway_gate" != "$expect_gateway_gate" ]; then
  fail "gateway status rollout_gate='$gateway_gate' expected '$expect_gateway_gate' (reason='$gateway_reason')" \
    "$gateway_payload"
fi

# 2. Cortex.
cortex_payload=$(fetch "$base_url/cortex/status")
require_json "cortex status" "$cortex_payload"
cortex_health=$(printf '%s' "$cortex_payload" | jq -r '.health_state // ""')
cortex_gate=$(printf '%s' "$cortex_payload" | jq -r '.rollout_gate // ""')
cortex_reason=$(printf '%s' "$cortex_payload" | jq -r '.reason_code // ""')
if [ -z "$cortex_reason" ]; then
  fail "cortex status response missing reason_code" "$cortex_payload"
fi
if [ "$cortex_health" != "$expect_cortex_health" ]; then
  fail "cortex status health_state expected '$expect_cortex_health' but got '$cortex_health'" \
    "$cortex_payload"
fi
if [ "$cortex_gate" != "$expect_cortex_gate" ]; then
  fail "cortex status rollout_gate='$cortex_gate' expected '$expect_cortex_gate' (reason_code='$cortex_reason')" \
    "$cortex_payload"
fi

# 3. Operator control summary (local state files, not an HTTP endpoint).
operator_payload=$("$tau_bin" --operator-control-summary --operator-control-summary-json)
require_json "operator control summary" "$operator_payload"
operator_health=$(printf '%s' "$operator_payload" | jq -r '.health_state // ""')
operator_gate=$(printf '%s' "$operator_payload" | jq -r '.rollout_gate // ""')
operator_codes=$(printf '%s' "$operator_payload" | jq -r '(.reason_codes // []) | join(",")')
if [ -z "$operator_codes" ]; then
  fail "operator control summary response missing reason_codes" "$operator_payload"
fi
if [ "$operator_health" != "$expect_operator_health" ]; then
  fail "operator control summary health_state expected '$expect_operator_health' but got '$operator_health'" \
    "$operator_payload"
fi
if [ "$operator_gate" != "$expect_operator_gate" ]; then
  fail "operator control summary rollout_gate='$operator_gate' expected '$expect_operator_gate' (reason_codes='$operator_codes')" \
    "$operator_payload"
fi

log "operator-readiness-live-check"
log "base_url=$base_url"
log "auth_mode=$auth_mode"
log "gateway_health_state=$gateway_health"
log "gateway_rollout_gate=$gateway_gate"
log "gateway_reason=$gateway_reason"
log "cortex_health_state=$cortex_health"
log "cortex_rollout_gate=$cortex_gate"
log "cortex_reason_code=$cortex_reason"
log "operator_health_state=$operator_health"
log "operator_rollout_gate=$operator_gate"
log "operator_reason_codes=$operator_codes"
log "status=pass"
