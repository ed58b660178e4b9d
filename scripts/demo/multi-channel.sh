#!/usr/bin/env bash
# Deterministic multi-channel demo (docs/channels.md "Deterministic demo"):
#   1. normalise the three raw platform payloads into a fresh live-ingress inbox,
#   2. run the live runner once; the agent answers through the scripted offline provider,
#   3. show the transport health, the status report, the route of one event and the replies.
# Everything is written under a temporary directory (kept when TAU_DEMO_KEEP=1), never under .tau/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TAU="${TAU_BIN:-$ROOT/bin/tau}"
TESTDATA="./crates/tau-coding-agent/testdata/multi-channel-live-ingress"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tau-multi-channel-demo.XXXXXX")"
if [ "${TAU_DEMO_KEEP:-}" = "1" ]; then
  echo "demo state kept in $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
STATE="$WORK/multi-channel"
INGRESS="$STATE/live-ingress"

cat >"$WORK/replies.json" <<'JSON'
{
  "replies": [
    {"match": "hello from telegram", "text": "Hi Alice, Tau here on Telegram."},
    {"match": "discord", "text": "Hello from Tau on Discord."},
    {"match": "whatsapp", "text": "Tau received your WhatsApp message."},
    {"text": "Tau is listening."}
  ]
}
JSON

# the runbook's commands run from the repository root, where the testdata lives
cd "$ROOT"
common=(--telemetry-enabled false --session-backend sqlite --session-db-url "sqlite://$WORK/sessions.db")

echo "== 1. ingest three raw payloads"
"$TAU" "${common[@]}" --multi-channel-live-ingest-file "$TESTDATA/raw/telegram-update.json" \
  --multi-channel-live-ingest-transport telegram --multi-channel-live-ingest-provider telegram-bot-api \
  --multi-channel-live-ingest-dir "$INGRESS"
"$TAU" "${common[@]}" --multi-channel-live-ingest-file "$TESTDATA/raw/discord-message.json" \
  --multi-channel-live-ingest-transport discord --multi-channel-live-ingest-provider discord-gateway \
  --multi-channel-live-ingest-dir "$INGRESS"
"$TAU" "${common[@]}" --multi-channel-live-ingest-file "$TESTDATA/raw/whatsapp-message.json" \
  --multi-channel-live-ingest-transport whatsapp --multi-channel-live-ingest-provider whatsapp-cloud-api \
  --multi-channel-live-ingest-dir "$INGRESS"

echo "== 2. one live runner cycle (scripted offline provider)"
"$TAU" "${common[@]}" --model offline/script --offline-script "$WORK/replies.json" \
  --multi-channel-state-dir "$STATE" --multi-channel-live-ingress-dir "$INGRESS" \
  --multi-channel-live-runner

echo "== 3. transport health"
"$TAU" "${common[@]}" --multi-channel-state-dir "$STATE" \
  --transport-health-inspect multi-channel --transport-health-json

echo "== 4. status"
"$TAU" "${common[@]}" --multi-channel-state-dir "$STATE" --multi-channel-status-inspect

echo "== 5. route of the Telegram event"
"$TAU" "${common[@]}" --multi-channel-state-dir "$STATE" \
  --multi-channel-route-inspect-file "$TESTDATA/telegram-valid.json" \
  --multi-channel-route-inspect-json

echo "== 6. the agent's replies, per conversation"
find "$STATE/channel-store/channels" -name context.jsonl | sort | while read -r file; do
  conversation="${file#"$STATE/channel-store/channels/"}"
  grep '"role":"assistant"' "$file" | sed "s|^|${conversation%/context.jsonl}: |"
done
echo "multi-channel demo: ok"
