#!/usr/bin/env bash
# make security-check: secret-pattern scan of the tree, the gateway's auth-matrix and input-fuzz
# suites, and the known-vulnerable dependency check.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GATE=security-check

step "building the gate tools (module gates)"
mvn -q -DskipTests -Dspotless.check.skip=true package -pl gates -am \
  || fail $GATE "cannot build the gate tools"
JAVA=$(gate_java)
CP="gates/target/tau-gates.jar:gates/target/lib/*"

step "secret scan of the tree (allowlist: security/secret-scan-allowlist.txt)"
"$JAVA" -cp "$CP" dev.tau.gates.secrets.SecretScan --root "$ROOT" \
  || fail $GATE "the secret scan found credential-shaped strings (see above)"

step "gateway suites: AuthMatrixIT and InputFuzzIT"
reports=gateway/target/failsafe-reports
rm -f "$reports"/TEST-dev.tau.gateway.AuthMatrixIT.xml "$reports"/TEST-dev.tau.gateway.InputFuzzIT.xml
mvn -q -Dspotless.check.skip=true -pl gateway -am verify \
  -Dtest=NoUnitTestsInThisStep -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='AuthMatrixIT,InputFuzzIT' -Dfailsafe.failIfNoSpecifiedTests=false \
  || fail $GATE "the auth-matrix or input-fuzz suite failed (see above)"
for suite in AuthMatrixIT InputFuzzIT; do
  report="$reports/TEST-dev.tau.gateway.$suite.xml"
  [ -f "$report" ] || fail $GATE "$suite did not run (no $report)"
  tests=$(sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)".*/\1/p' "$report" | head -n 1)
  echo "$suite: ${tests:-?} tests passed"
done

step "known-vulnerable dependencies (list: security/vulnerable-dependencies.txt)"
mkdir -p .tau/security
resolved="$ROOT/.tau/security/dependency-list.txt"
rm -f "$resolved"
mvn -q dependency:list -DoutputFile="$resolved" -DappendOutput=true \
  || fail $GATE "mvn dependency:list failed"
"$JAVA" -cp "$CP" dev.tau.gates.deps.DependencyCheck --resolved "$resolved" \
  --advisories security/vulnerable-dependencies.txt \
  || fail $GATE "a dependency has a known-vulnerable version (see above)"

printf '\n%s: passed\n' $GATE
