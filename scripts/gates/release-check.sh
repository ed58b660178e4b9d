#!/usr/bin/env bash
# make release-check: the full test suite, a build from a clean clone of HEAD, then the quality,
# security and performance gates. Every step runs; the summary says which failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GATE=release-check

declare -a names=() results=()
record() {
  names+=("$1")
  results+=("$2")
}

step "full test suite: ./mvnw -B verify"
if mvn verify; then record "test suite" pass; else record "test suite" FAIL; fi

step "build from a clean clone of HEAD"
if [ -n "$(git status --porcelain)" ]; then
  echo "note: the working tree has uncommitted changes; the clean clone builds HEAD without them"
fi
clone_dir=$(mktemp -d "${TMPDIR:-/tmp}/tau-release-check.XXXXXX")
trap 'rm -rf -- "$clone_dir"' EXIT
if git clone -q "$ROOT" "$clone_dir/tau" \
  && (cd "$clone_dir/tau" && ./mvnw -B -o "${MVN_EXTRA[@]}" -q -DskipTests package); then
  record "clean-clone build" pass
else
  record "clean-clone build" FAIL
fi

for gate in quality-gate security-check perf-check; do
  step "make $gate"
  if "$GATES_DIR/$gate.sh"; then record "$gate" pass; else record "$gate" FAIL; fi
done

printf '\n| step | result |\n|---|---|\n'
failed=()
for i in "${!names[@]}"; do
  printf '| %s | %s |\n' "${names[$i]}" "${results[$i]}"
  [ "${results[$i]}" = pass ] || failed+=("${names[$i]}")
done
if [ ${#failed[@]} -gt 0 ]; then
  fail $GATE "$(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
fi
printf '\n%s: passed\n' $GATE
