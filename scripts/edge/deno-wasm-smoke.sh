#!/usr/bin/env bash
# Deno probe of the WASM smoke harness: instantiates the artifact in Deno's V8 with every import
# bound to a trapping stub (no host capability) and calls its _start export, with read access to
# that one file only. Says "skipped" explicitly when deno is not installed.
set -euo pipefail
artifact="${1:?usage: deno-wasm-smoke.sh <artifact.wasm>}"
if ! command -v deno >/dev/null 2>&1; then
  echo "deno probe: skipped (deno not installed)"
  exit 0
fi
probe="$(mktemp "${TMPDIR:-/tmp}/tau-deno-probe.XXXXXX.mjs")"
trap 'rm -f "$probe"' EXIT
cat >"$probe" <<'JS'
const bytes = await Deno.readFile(Deno.args[0]);
const module = await WebAssembly.compile(bytes);
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.kind !== "function") throw new Error(`unsupported ${imp.kind} import ${imp.module}.${imp.name}`);
  imports[imp.module] ??= {};
  imports[imp.module][imp.name] = () => { throw new Error(`host capability not granted: ${imp.module}.${imp.name}`); };
}
const instance = await WebAssembly.instantiate(module, imports);
if (typeof instance.exports._start === "function") instance.exports._start();
console.log("deno probe: pass");
JS
if deno run --quiet --no-prompt --allow-read="$artifact" "$probe" "$artifact"; then
  exit 0
fi
echo "deno probe: fail"
exit 1
