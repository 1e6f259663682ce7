#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install, lint, build, scan, then every jest test
# (fake-API tests through the real n8n engine, and end-to-end runs in a real n8n).
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# npm's update check is the one connection a test run would make beyond the registry installs.
export npm_config_update_notifier=false

failed_checks=0
step() { printf '\n== %s\n' "$1"; }
check() {
	local name="$1"; shift
	if "$@"; then echo "ok: $name"; else echo "FAILED: $name"; failed_checks=$((failed_checks + 1)); fi
}

step "install (npm ci)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi

step "lint (n8n-node lint, strict, with the n8n-nodes-base rule sets)"
check lint npx --no-install n8n-node lint

step "build"
check build npm run --silent build

step "community package scanner (sources and npm pack output)"
check scanner node scripts/scan.mjs

step "jest"
results="$(mktemp)"
npx --no-install jest --ci --json --outputFile="$results" "$@"
jest_status=$?

count() { node -e "const r=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));console.log($1)" "$results" 2>/dev/null; }
passed=$(count "r.numPassedTests" || echo 0)
failed=$(count "r.numFailedTests + r.numRuntimeErrorTestSuites" || echo 1)
rm -f "$results"
failed=$((failed + failed_checks))
if [ "$jest_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
printf '\n%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
