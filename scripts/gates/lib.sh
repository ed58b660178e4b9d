# Shared by the release-gate scripts (sourced, not run): the repository root, Maven, Java and
# how a gate reports a failure. docs/operations.md "Release gates" describes the gates.
set -euo pipefail

GATES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$GATES_DIR/../.." && pwd)
cd "$ROOT"

# MVN_FLAGS: extra flags for every Maven call, for example MVN_FLAGS=-o to stay offline
read -r -a MVN_EXTRA <<< "${MVN_FLAGS:-}"

mvn() {
  ./mvnw -B "${MVN_EXTRA[@]}" "$@"
}

# A JDK 25 or newer, found the way bin/tau finds one.
gate_java() {
  local home version
  for home in ${TAU_JAVA_HOME:-} ${JAVA_HOME:-} $(ls -d /usr/lib/jvm/* /opt/java/* 2>/dev/null | sort -rV); do
    [ -x "$home/bin/java" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -n 1)
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then
      echo "$home/bin/java"
      return 0
    fi
  done
  echo "gates: no JDK 25 or newer found; set JAVA_HOME" >&2
  return 1
}

step() {
  printf '\n==> %s\n' "$*"
}

# fail <gate> <what failed>: one line saying what failed, then exit 1
fail() {
  printf '%s: FAILED: %s\n' "$1" "$2" >&2
  exit 1
}
