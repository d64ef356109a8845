#!/usr/bin/env bash
# What one conversation turn asks of PostgreSQL, counted rather than timed: the statements per
# turn from the server's own log, and the TCP segments with data the node sent the server per turn
# (each a request the node waits on, except pgjdbc's BEGIN, which goes just ahead of the first
# statement of its transaction). The figures in docs/performance.md (sessions 8, 12, 14) come from
# it.
#
#   src/bench/statements-per-turn.sh [--mix web=1] [--residents 20] [--duration 15] [--jar src/target/linli.jar] [--server-log FILE]
#
# It starts the packaged service on port 8080 against a database `linli_statements` on the server
# at 127.0.0.1:5432 (user postgres, trust authentication), which it drops and creates again with
# `log_statement = all`; runs 5 s of closed-loop load to warm up, then the measured run, and reads
# the server's log lines for that database written meanwhile. --server-log is where the server logs
# (Debian's default below; it must be readable). Linux only (ss, /proc).
set -euo pipefail
cd "$(dirname "$0")/../.."

MIX=web=1 RESIDENTS=20 DURATION=15 JAR=src/target/linli.jar
SERVER_LOG=/var/log/postgresql/postgresql-15-main.log
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mix) MIX=$2; shift 2 ;;
    --residents) RESIDENTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    --server-log) SERVER_LOG=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$JAR" ]] || { echo "no $JAR: build it first (./linli build)" >&2; exit 1; }
[[ -r "$SERVER_LOG" ]] || { echo "cannot read the server's log $SERVER_LOG (--server-log)" >&2; exit 1; }
source src/bench/common.sh
require_free_port
pick_java

WORK=$(mktemp -d /tmp/linli-statements.XXXXXX)
export_test_secrets
fresh_postgres linli_statements -c "alter database linli_statements set log_statement = 'all'"
"$JAVA" -Xmx1g -jar "$JAR" --linli.rate-limit.enabled=false --linli.data-dir="$WORK/data" \
  --spring.profiles.active=postgres >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
wait_for_node $NODE "$WORK/node.log"
load() { "$JAVA" -jar "$JAR" load run --url http://localhost:8080 --mix "$MIX" --residents "$RESIDENTS" "$@"; }
load --duration 5s >"$WORK/warm.out" 2>&1

# data segments the node has sent on its connections to the server so far
segments() { ss -tin dst 127.0.0.1:5432 | grep -o 'data_segs_out:[0-9]*' | cut -d: -f2 | awk '{s += $1} END {print s + 0}'; }
turns() { grep -c 'event=turn\|event=human_mode_message' "$WORK/node.log" || true; }
LOG_START=$(wc -l <"$SERVER_LOG")
S0=$(segments) T0=$(turns)
load --duration "${DURATION}s" >"$WORK/load.out" 2>&1
S1=$(segments) T1=$(turns)
tail -n +$((LOG_START + 1)) "$SERVER_LOG" | grep '@linli_statements ' \
  | grep -o 'statement: .*\|execute [^:]*: .*' | sed -E 's/^(statement|execute [^:]*): //' | cut -c1-100 \
  | sort | uniq -c | sort -rn >"$WORK/statements.txt"
python3 - "$WORK" $((T1 - T0)) $((S1 - S0)) "$MIX" <<'PY'
import sys
work, turns, segments, mix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [l.strip().partition(" ")[::2] for l in open(f"{work}/statements.txt") if l.strip()]
total = sum(int(c) for c, _ in rows)
if turns == 0:
    sys.exit("no turns in the measured run: see " + work)
print(f"mix {mix}: {turns} turns, {total / turns:.2f} statements and {segments / turns:.2f} data segments to the server per turn")
for count, text in rows[:15]:
    print(f"  {int(count) / turns:5.2f}  {text}")
print(f"logs: {work}")
PY
