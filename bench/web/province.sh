#!/usr/bin/env bash
# Web benchmark of the project list at province scale (issue 13 item 4, target: first page under 300 ms median):
# the library of ≈ 1,000,000 projects in the PostgreSQL database renewal_province (seeded by
# `dotnet run -c Release --project bench/Renewal.Benchmarks -- province`, which this script runs with --seed-only
# when the database is empty), the web app in Release on it; then GET /api/v1/projects (first page, 50 rows) for
# the bureau (shiju, all areas) and a district reviewer (quzhen, one area), without and with a filter or two:
# median and max of curl time_total over RUNS requests (default 15) after one request to warm up; and /library once each.
# Usage: bench/web/province.sh [runs=15]   (env: PROVINCE_DB, BENCH_PORT, BENCH_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-15}"
DB="${PROVINCE_DB:-renewal_province}"
WORK="${BENCH_DIR:-/tmp/renewal-web-bench}"
PORT="${BENCH_PORT:-5189}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
PG="$(bash scripts/postgres.sh start)"
CS="$PG;Database=$DB;Command Timeout=600"

dotnet build -c Release src/Renewal.Web -v q -nologo >/dev/null
if ! psql -h 127.0.0.1 -p "${RENEWAL_PG_PORT:-55432}" -U postgres -d "$DB" -tAc 'SELECT 1 FROM enterprises LIMIT 1' 2>/dev/null | grep -q 1; then
  echo "seeding $DB (≈ 1M projects) …"
  RENEWAL_TEST_POSTGRES="$PG" dotnet run -c Release --project bench/Renewal.Benchmarks -- province --db "$DB" --seed-only | tail -n 12
fi

# exec: $! is the web app itself, so the trap stops it (a subshell's pid would leave it listening on the port).
(cd src/Renewal.Web && ASPNETCORE_ENVIRONMENT=Production exec dotnet bin/Release/net10.0/Renewal.Web.dll \
  --Urls="$URL" --Database:Provider=postgres --ConnectionStrings:Library="$CS" --WebEdge:SecureCookies=SameAsRequest \
  --Simulation:WarmOnStart=false --Logging:LogLevel:Default=Warning >"$WORK/web-province.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  kill -0 $PID 2>/dev/null || { echo "the web app did not start (port $PORT in use?): $WORK/web-province.log" >&2; exit 1; }
  curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.5
done

signin() { # user cookie-jar
  rm -f "$2"
  local token
  token=$(curl -s -c "$2" -b "$2" "$URL/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -c "$2" -b "$2" -o /dev/null -d "UserName=$1&Password=Renewal%232024&__RequestVerificationToken=$token" "$URL/account/signin"
}
BUREAU="$WORK/cookies-province-bureau"; DISTRICT="$WORK/cookies-province-district"
signin shiju "$BUREAU"; signin quzhen "$DISTRICT"
AREA=$(curl -s -b "$DISTRICT" "$URL/api/v1/projects?PageSize=10" | grep -o '"area":"[^"]*"' | head -n 1 | sed 's/"area":"//;s/"$//')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); district reviewer's area: $AREA"

median() { sort -n | awk '{a[NR]=$1} END{printf "median %.0f ms, max %.0f ms (%d runs)", a[int((NR+1)/2)]*1000, a[NR]*1000, NR}'; }
measure() { # label jar query
  local out="$WORK/province-page.json"
  curl -s -o "$out" -b "$2" "$URL/api/v1/projects?$3" # warm-up (and the total)
  local total; total=$(grep -o '"total":[0-9]*' "$out" | head -n 1 | cut -d: -f2)
  local times; times=$(for _ in $(seq 1 "$RUNS"); do curl -s -o /dev/null -b "$2" -w "%{time_total}\n" "$URL/api/v1/projects?$3"; done | median)
  printf '%-44s %s; total %s\n' "$1" "$times" "$total"
}
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
A=$(enc "$AREA")
measure "bureau, no filter"                "$BUREAU"   ""
measure "bureau, Status=InProgress"        "$BUREAU"   "Status=InProgress"
measure "bureau, Area + Year=2025"         "$BUREAU"   "Area=$A&Year=2025"
measure "bureau, Industry=C34 + Status"    "$BUREAU"   "Industry=C34&Status=InProgress"
measure "bureau, Q=$(echo 技改)"             "$BUREAU"   "Q=$(enc 技改)"
measure "bureau, page 100"                 "$BUREAU"   "Page=100"
measure "district, no filter"              "$DISTRICT" ""
measure "district, Status=InProgress"      "$DISTRICT" "Status=InProgress"
measure "district, Year=2025 + Industry=C" "$DISTRICT" "Year=2025&Industry=C"
echo "/library page (HTML), bureau: $(curl -s -o /dev/null -b "$BUREAU" -w "%{time_total}\n" "$URL/library" | awk '{printf "%.0f ms", $1*1000}'), district: $(curl -s -o /dev/null -b "$DISTRICT" -w "%{time_total}\n" "$URL/library" | awk '{printf "%.0f ms", $1*1000}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
