#!/usr/bin/env bash
# Web benchmark of the what-if (issue 6, target < 2 s): a library of ~100,000 projects in SQLite (the same one as
# run.sh when it exists), the web app in Release, signed in as the bureau; then
#  1. the first POST /api/v1/simulations/run (cold: the app builds its library snapshot);
#     the server runs with Simulation:WarmOnStart=false so that this cold figure is measured, not hidden by the
#     start-up warm-up the app does by default;
#  2. the same API with five different changes, three rounds (warm: cached snapshot): median and max of curl time_total;
#  3. the /simulate page with a preset (GET, the result as HTML with its charts): median of 5;
#  4. GET /api/v1/budget: first, then median of 5.
# Usage: bench/web/whatif.sh [enterprises=22400]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-22400}"
WORK="${BENCH_DIR:-/tmp/renewal-web-bench}"
PORT="${BENCH_PORT:-5188}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK"

dotnet build -c Release src/Renewal.Cli -v q -nologo >/dev/null
dotnet build -c Release src/Renewal.Web -v q -nologo >/dev/null
if [ ! -f "$WORK/library.db" ]; then
  echo "seeding $N enterprises into $WORK/library.db …"
  dotnet src/Renewal.Cli/bin/Release/net10.0/renewal.dll seed --enterprises "$N" --seed 2024 --db "$WORK/library.db" | tail -n 3
fi

(cd src/Renewal.Web && ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Renewal.Web.dll \
  --Urls="$URL" --Database:Path="$WORK/library.db" --WebEdge:SecureCookies=SameAsRequest --Simulation:WarmOnStart=false --Logging:LogLevel:Default=Warning >"$WORK/web-whatif.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done

JAR="$WORK/cookies-whatif"; rm -f "$JAR"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$URL/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -c "$JAR" -b "$JAR" -o /dev/null -d "UserName=shiju&Password=Renewal%232024&__RequestVerificationToken=$TOKEN" "$URL/account/signin"
echo "projects in the library: $(curl -s -b "$JAR" "$URL/api/v1/projects?PageSize=1" | grep -o '"total":[0-9]*')"

# State changes of the JSON API with the sign-in cookie carry the antiforgery header (ADR-015).
APITOKEN=$(curl -s -c "$JAR" -b "$JAR" "$URL/api/v1/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/')
run() { curl -s -o "$WORK/whatif.json" -b "$JAR" -H 'Content-Type: application/json' -H "RequestVerificationToken: $APITOKEN" -w "%{time_total}\n" -d "$1" "$URL/api/v1/simulations/run"; }
median() { sort -n | awk '{a[NR]=$1} END{printf "median %.0f ms, max %.0f ms (%d runs)", a[int((NR+1)/2)]*1000, a[NR]*1000, NR}'; }

B='{"year":2025,"overrides":{"effective_investment.rate":"0.10"}}'
echo "what-if API, first (cold snapshot): $(run "$B" | awk '{printf "%.0f ms", $1*1000}')"
grep -o '"projects":[0-9]*\|"elapsedMilliseconds":[0-9.]*\|"affectedEnterprises":[0-9]*' "$WORK/whatif.json" | tr '\n' ' '; echo
CHANGES=(
  '{"year":2025,"overrides":{"effective_investment.rate":"0.10"}}'
  '{"year":2025,"overrides":{"loan.kunshan.rate":"0.015"}}'
  '{"year":2025,"overrides":{"tech_renovation.base_rate":"0.08"}}'
  '{"year":2025,"overrides":{"effective_investment.rate":"0.10","loan.kunshan.rate":"0.015"}}'
  '{"year":2025,"overrides":{"demonstration.rate":"0.12"}}'
)
echo "what-if API, warm: $(for _ in 1 2 3; do for c in "${CHANGES[@]}"; do run "$c"; done; done | median)"
echo "what-if page (GET /simulate with a preset), warm: $(for _ in $(seq 1 5); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/simulate?year=2025&set=loan.kunshan.rate%3D0.015"; done | median)"
echo "budget API, first: $(curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/api/v1/budget" | awk '{printf "%.0f ms", $1*1000}')"
echo "budget API, warm: $(for _ in $(seq 1 5); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/api/v1/budget"; done | median)"
