#!/usr/bin/env bash
# Reliability run (issue 10, item 6). Builds the Release web app, CLI and driver once; then
#   1. PostgreSQL: a fresh database on the server of scripts/postgres.sh, a demo library seeded by the CLI, TWO web
#      nodes (two processes on 127.0.0.1) on it, and the bursts of bench/Renewal.Reliability over both — duplicate
#      creates, competing approvals under every cap, duplicate payments, unrelated approvals, and a kill -9 of the
#      second node in the middle of a burst, after which the walks carry on on the first;
#   2. SQLite: the same on a fresh file with ONE node (no kill).
# Every count is taken from the database afterwards (see bench/reliability/README.md). The last line is
#   duplicates=N cap_breaches=N double_payments=N false_conflicts=N lost_writes=N audit=ok|broken …more figures
# summed over both databases; the lines above it give each database's own line. Exit code 0 when all are 0 and ok.
# Usage: bench/reliability/run.sh [--only postgres|sqlite] [--short]
#   RELIABILITY_DIR (default /tmp/renewal-reliability), RELIABILITY_PORT (first port, default 5291),
#   RELIABILITY_ENTERPRISES (demo library size, default 200), RELIABILITY_KEEP=1 keeps the databases and logs.
set -euo pipefail
cd "$(dirname "$0")/../.."
ONLY=""
SIZE=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --short) SIZE=(--short); shift ;;
    *) echo "usage: $0 [--only postgres|sqlite] [--short]" >&2; exit 2 ;;
  esac
done
WORK="${RELIABILITY_DIR:-/tmp/renewal-reliability}"
PORT="${RELIABILITY_PORT:-5291}"
ENTERPRISES="${RELIABILITY_ENTERPRISES:-200}"
PASSWORD='Renewal#2024'
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rm -rf "$WORK"; mkdir -p "$WORK"
START=$SECONDS

echo "building (Release): web, CLI, reliability driver …"
for p in src/Renewal.Cli src/Renewal.Web bench/Renewal.Reliability; do
  dotnet build -c Release "$p" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -n 20 "$WORK/build.log"; exit 2; }
done
CLI="$PWD/src/Renewal.Cli/bin/Release/net10.0/renewal.dll"
DRIVER="$PWD/bench/Renewal.Reliability/bin/Release/net10.0/Renewal.Reliability.dll"

PIDS=()
PG_DB=""
PG_ADMIN=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PG_DB" ] && [ "${RELIABILITY_KEEP:-0}" != "1" ]; then
    "${PG_ADMIN[@]}" -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# start_node PORT LOG CONFIG…: one web node (Production, plain http on loopback, approval right after the notice);
# prints its process id (the dotnet process itself: exec, so that kill -9 hits the node and nothing else).
start_node() {
  local port=$1 log=$2; shift 2
  (cd src/Renewal.Web && exec env ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Renewal.Web.dll \
    --Urls="http://127.0.0.1:$port" --WebEdge:SecureCookies=SameAsRequest --Workflow:NoticeWorkingDays=0 \
    --Simulation:WarmOnStart=false --SignIn:AddressPermits=100000 --Demo:Password="$PASSWORD" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Error "$@") >"$log" 2>&1 &
  echo $!
}

# Something else on a node's port would answer /health in the node's place.
for p in "$PORT" $((PORT + 1)) $((PORT + 2)); do
  if curl -s -o /dev/null "http://127.0.0.1:$p/" 2>/dev/null; then echo "port $p is in use: set RELIABILITY_PORT" >&2; exit 2; fi
done

wait_up() {
  local port=$1 pid=$2 log=$3
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "node on port $port exited:" >&2; tail -n 20 "$log" >&2; exit 2; }
    sleep 0.5
  done
  echo "node on port $port did not come up" >&2; exit 2
}

# run_driver LABEL ARGS…: runs the bursts; its log goes to the terminal, its last line is kept in $WORK/LABEL.line.
run_driver() {
  local label=$1; shift
  set +e
  dotnet "$DRIVER" "$@" "${SIZE[@]}" --password "$PASSWORD" | tee "$WORK/$label.log"
  set -e
  local line
  line=$(tail -n 1 "$WORK/$label.log")
  case "$line" in
    duplicates=*) echo "$line" >"$WORK/$label.line" ;;
    *) echo "$label: the driver did not finish (see $WORK/$label.log)" >&2; exit 2 ;;
  esac
}

if [ "$ONLY" != "sqlite" ]; then
  echo "== PostgreSQL, two nodes =="
  PG_BASE="$(bash scripts/postgres.sh start)"
  PG_PORT=$(printf '%s' "$PG_BASE" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
  PG_ADMIN=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q)
  PG_DB="renewal_reliability_$$_$(date +%s)"
  CS="$PG_BASE;Database=$PG_DB"
  Database__Provider=postgres ConnectionStrings__Library="$CS" dotnet "$CLI" seed --enterprises "$ENTERPRISES" --seed 2024 | head -n 2
  PG_CONFIG=(--Database:Provider=postgres --ConnectionStrings:Library="$CS")
  P1=$(start_node "$PORT" "$WORK/pg-node1.log" "${PG_CONFIG[@]}"); PIDS+=("$P1")
  wait_up "$PORT" "$P1" "$WORK/pg-node1.log" # the first node creates the demo accounts; the second finds them
  P2=$(start_node $((PORT + 1)) "$WORK/pg-node2.log" "${PG_CONFIG[@]}"); PIDS+=("$P2")
  wait_up $((PORT + 1)) "$P2" "$WORK/pg-node2.log"
  run_driver postgres --provider postgres --connection "$CS" \
    --node "http://127.0.0.1:$PORT" --node "http://127.0.0.1:$((PORT + 1))" --kill-pid "$P2"
  if kill -0 "$P2" 2>/dev/null; then echo "node 2 is still running: the kill did not happen" >&2; fi
  echo "audit (CLI): $(Database__Provider=postgres ConnectionStrings__Library="$CS" dotnet "$CLI" audit verify || true)"
  kill "$P1" 2>/dev/null || true
fi

if [ "$ONLY" != "postgres" ]; then
  echo "== SQLite, one node =="
  DB="$WORK/library.db"
  dotnet "$CLI" seed --enterprises "$ENTERPRISES" --seed 2024 --db "$DB" | head -n 2
  P3=$(start_node $((PORT + 2)) "$WORK/sqlite-node.log" --Database:Path="$DB"); PIDS+=("$P3")
  wait_up $((PORT + 2)) "$P3" "$WORK/sqlite-node.log"
  run_driver sqlite --provider sqlite --db "$DB" --node "http://127.0.0.1:$((PORT + 2))"
  echo "audit (CLI): $(dotnet "$CLI" audit verify --db "$DB" || true)"
  kill "$P3" 2>/dev/null || true
fi

# The last line: each count summed over the databases run, audit ok only if every chain verified.
field() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p"; }
LINES=("$WORK"/*.line)
for f in "${LINES[@]}"; do echo "$(basename "$f" .line): $(cat "$f")"; done
TOTAL=""
STATUS=0
for k in duplicates cap_breaches double_payments false_conflicts lost_writes; do
  n=0
  for f in "${LINES[@]}"; do n=$((n + $(field "$f" "$k"))); done
  [ "$n" -eq 0 ] || STATUS=1
  TOTAL="$TOTAL$k=$n "
done
AUDIT=ok
for f in "${LINES[@]}"; do [ "$(field "$f" audit)" = ok ] || AUDIT=broken; done
[ "$AUDIT" = ok ] || STATUS=1
MORE=""
for k in ledger_drift torn stuck requests unanswered http5xx; do
  n=0
  for f in "${LINES[@]}"; do n=$((n + $(field "$f" "$k"))); done
  MORE="$MORE $k=$n"
done
echo "${TOTAL}audit=$AUDIT databases=${#LINES[@]}$MORE elapsed_s=$((SECONDS - START))"
exit $STATUS
