#!/usr/bin/env bash
# make quality-gate: formatter, compiler warnings (-Xlint:all, new ones fail), source rules, and the deterministic
# agent evaluation on the scripted offline provider.
#   EVAL_MIN_PASS_RATE  the share of eval cases that must pass (default 1.0)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GATE=quality-gate

step "formatter: spotless:check (google-java-format)"
mvn -q spotless:check || fail $GATE "formatting; run ./mvnw spotless:apply"

step "compiler: javac -Xlint:all on main and test code; only listed warnings are accepted"
# the profile compiles into target/quality-gate, so it sees every warning and never disturbs
# target/classes; each warning must match scripts/gates/javac-warnings-allowed.txt
rm -rf -- */target/quality-gate
mkdir -p .tau/quality-gate
log=.tau/quality-gate/javac.log
if ! mvn -Pquality-gate -Dspotless.check.skip=true test-compile > "$log" 2>&1; then
  grep -E '^\[ERROR\]' "$log" | head -50 || true
  fail $GATE "the code does not compile (full log: $log)"
fi
allowed=scripts/gates/javac-warnings-allowed.txt
trim() {
  sed 's/^[[:space:]]*//; s/[[:space:]]*$//' <<< "$1"
}
declare -a allow_paths=() allow_texts=()
while IFS='|' read -r path text why; do
  path=$(trim "$path")
  text=$(trim "$text")
  [ -z "$path" ] || [ "${path:0:1}" = "#" ] && continue
  [ -n "$(trim "$why")" ] || fail $GATE "$allowed: '$path | $text' needs a reason"
  allow_paths+=("$path"); allow_texts+=("$text")
done < "$allowed"
count=0
new_warnings=()
while IFS= read -r warning; do
  count=$((count + 1))
  file=${warning%%:\[*}
  message=${warning#*\] }
  ok=no
  for i in "${!allow_paths[@]}"; do
    if { [ "${allow_paths[$i]}" = "*" ] || [ "${allow_paths[$i]}" = "$file" ]; } \
      && [[ $message == *"${allow_texts[$i]}"* ]]; then
      ok=yes
      break
    fi
  done
  [ $ok = yes ] || new_warnings+=("$warning")
done < <(grep -E '^\[WARNING\] /.*\.java:\[' "$log" | sed "s#^\[WARNING\] $ROOT/##" | sort -u)
echo "javac: $count distinct warnings, $((count - ${#new_warnings[@]})) accepted by $allowed"
if [ ${#new_warnings[@]} -gt 0 ]; then
  printf '  %s\n' "${new_warnings[@]}"
  fail $GATE "${#new_warnings[@]} compiler warning(s) not in $allowed: fix them (or list one with a reason)"
fi

step "source rules: no TODO/FIXME in main code, System.exit only in entry points"
todo=$(git grep -n -I -E '\b(TODO|FIXME)\b' -- '*/src/main/*' || true)
if [ -n "$todo" ]; then
  echo "$todo"
  fail $GATE "TODO/FIXME left in main code (docs/STYLE: no TODO in main code)"
fi
exits=""
while IFS= read -r file; do
  grep -q 'static void main(' "$file" || exits+="$file"$'\n'
done < <(git grep -l -I -F 'System.exit(' -- '*/src/main/java/*.java' || true)
if [ -n "$exits" ]; then
  printf '%s' "$exits"
  fail $GATE "System.exit outside a class with a main method (return an exit code instead)"
fi
traces=$(git grep -n -I -F '.printStackTrace(' -- '*/src/main/java/*.java' || true)
if [ -n "$traces" ]; then
  echo "$traces"
  fail $GATE "printStackTrace in main code (report a clear message instead)"
fi
echo "source rules: ok"

step "agent evaluation: scripted offline provider, pass rate >= ${EVAL_MIN_PASS_RATE:-1.0}"
mvn -q -DskipTests -Dspotless.check.skip=true package -pl gates -am \
  || fail $GATE "cannot build the eval runner"
JAVA=$(gate_java)
"$JAVA" -cp "gates/target/tau-gates.jar:gates/target/lib/*" dev.tau.gates.evals.EvalRunner \
  --min-pass-rate "${EVAL_MIN_PASS_RATE:-1.0}" --out-dir .tau/evals \
  || fail $GATE "the agent evaluation is below its pass threshold (see above)"

printf '\n%s: passed\n' $GATE
