#!/usr/bin/env bash
# The one command that runs every test of the repository (README "Test").
# It installs what the tests need, starts the services they use, runs every test project and ends with
# one line "N passed, N failed" (totals over all test projects); the exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS_DIR:-$PWD/artifacts/test-results}"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The hand-checked cases live beside the repository in ../shared/cases (the tests read them there).
if [ ! -d ../shared/cases ]; then
  echo "scripts/test.sh: ../shared/cases is missing: the policy cases cannot be checked" >&2
fi

# PostgreSQL for the library tests (the same suite runs on SQLite and on PostgreSQL).
if [ -z "${RENEWAL_TEST_POSTGRES:-}" ]; then
  if RENEWAL_TEST_POSTGRES="$(bash scripts/postgres.sh start)"; then
    export RENEWAL_TEST_POSTGRES
  else
    echo "scripts/test.sh: could not start PostgreSQL; the PostgreSQL tests will fail" >&2
  fi
fi

# Debian chromium (and CJK fonts, so screenshots show Chinese) for the browser tests in tests/Renewal.E2E; Playwright's
# own browser download cannot work here. Installed only when missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
# Node.js and npm: the web build installs ECharts with npm ci (src/Renewal.Web/package-lock.json).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# poppler-utils (pdftoppm, pdftotext, pdffonts) read the award notice PDFs in the report tests; python3-fonttools
# converts their Noto CJK font to TrueType outlines (scripts/fonts.sh, ADR-011).
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
dpkg -s python3-fonttools >/dev/null 2>&1 || missing+=(python3-fonttools)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "scripts/test.sh: installing ${missing[*]} (Debian) for the browser tests…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  # One package at a time: a registry's nodejs may ship npm itself and conflict with Debian's npm, and one refusal
  # must not keep chromium or the fonts from being installed.
  for package in "${missing[@]}"; do
    if [ "$package" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2 \
      || echo "scripts/test.sh: could not install $package; the tests that need it will fail" >&2
  done
fi
# The award notice font, converted once per machine (about a minute the first time).
bash scripts/fonts.sh >/dev/null || echo "scripts/test.sh: could not prepare the PDF font; the report tests will fail" >&2
# Screenshots of each browser-test step are artifacts of this run.
rm -rf artifacts/screenshots

status=0
dotnet build Renewal.slnx -c Release -warnaserror 2>&1 | tail -n 3 || status=$?
if [ "$status" -eq 0 ]; then
  dotnet test Renewal.slnx -c Release --no-build \
    --logger "trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=$?
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A build failure or a crashed test host is a failure even if no test reported one.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
