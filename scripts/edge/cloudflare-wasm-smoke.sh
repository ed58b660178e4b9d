#!/usr/bin/env bash
# Cloudflare Workers probe of the WASM smoke harness: passes when wrangler is installed (its
# version is the probe; deploying needs an account), says "skipped" explicitly otherwise.
set -euo pipefail
artifact="${1:-}"
if ! command -v wrangler >/dev/null 2>&1; then
  echo "cloudflare probe: skipped (wrangler not installed)"
  exit 0
fi
version="$(wrangler --version 2>/dev/null | head -n 1)"
if [ -z "$version" ]; then
  echo "cloudflare probe: fail (wrangler --version printed nothing)"
  exit 1
fi
if [ -n "$artifact" ] && [ ! -f "$artifact" ]; then
  echo "cloudflare probe: fail (artifact $artifact missing)"
  exit 1
fi
echo "cloudflare probe: pass (wrangler $version)"
