#!/usr/bin/env bash
# Web benchmark (issue 5): a library of ~100,000 projects in SQLite, then
#  1. the first page of the project list, signed in as the bureau: median of 50 requests (target < 300 ms);
#  2. requests per second of the API evaluation of one project next to a bare /health, under wrk on loopback.
# Usage: bench/web/run.sh [enterprises=22000]   (installs wrk from Debian when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-22000}"
WORK="${BENCH_DIR:-/tmp/renewal-web-bench}"
PORT="${BENCH_PORT:-5187}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

dotnet build -c Release src/Renewal.Cli -v q -nologo >/dev/null
dotnet build -c Release src/Renewal.Web -v q -nologo >/dev/null
if [ ! -f "$WORK/library.db" ]; then
  echo "seeding $N enterprises into $WORK/library.db …"
  /usr/bin/time -f "seeded in %e s" dotnet src/Renewal.Cli/bin/Release/net10.0/renewal.dll seed --enterprises "$N" --seed 2024 --db "$WORK/library.db" | tail -n 3
  dotnet src/Renewal.Cli/bin/Release/net10.0/renewal.dll library evaluate --year 2025 --store --db "$WORK/library.db" | tail -n 2
fi

(cd src/Renewal.Web && ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Renewal.Web.dll \
  --Urls="$URL" --Database:Path="$WORK/library.db" --WebEdge:SecureCookies=SameAsRequest --Simulation:WarmOnStart=false --Logging:LogLevel:Default=Warning >"$WORK/web.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done

JAR="$WORK/cookies"; rm -f "$JAR"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$URL/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -c "$JAR" -b "$JAR" -o /dev/null -d "UserName=shiju&Password=Renewal%232024&__RequestVerificationToken=$TOKEN" "$URL/account/signin"
COOKIE=$(awk '$6=="renewal.auth"{print $7}' "$JAR")

echo "projects in the library: $(curl -s -b "$JAR" "$URL/api/v1/projects?PageSize=10" | grep -o '"total":[0-9]*')"
for _ in 1 2 3; do curl -s -o /dev/null -b "$JAR" "$URL/library"; done
TIMES=$(for _ in $(seq 1 50); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/library"; done | sort -n)
echo "project list, first page (50 requests): median $(echo "$TIMES" | awk '{a[NR]=$1} END{printf "%.1f ms", a[int((NR+1)/2)]*1000}'), p90 $(echo "$TIMES" | awk '{a[NR]=$1} END{printf "%.1f ms", a[int(NR*0.9)]*1000}')"
TIMES=$(for _ in $(seq 1 30); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/library?Filter.Area=%E5%91%A8%E5%B8%82%E9%95%87&Filter.Year=2025&Filter.Status=InProgress"; done | sort -n)
echo "project list, filtered (area+year+status): median $(echo "$TIMES" | awk '{a[NR]=$1} END{printf "%.1f ms", a[int((NR+1)/2)]*1000}')"

PROJECT=$(curl -s -b "$JAR" "$URL/api/v1/projects?PageSize=10&Filter.Year=2025" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
echo "wrk: /health"
wrk -t2 -c16 -d10s "$URL/health" | grep -E "Requests/sec|Latency"
echo "wrk: /api/v1/projects/$PROJECT/evaluation?year=2025"
wrk -t2 -c16 -d10s -H "Cookie: renewal.auth=$COOKIE" "$URL/api/v1/projects/$PROJECT/evaluation?year=2025" | grep -E "Requests/sec|Latency|Non-2xx"
