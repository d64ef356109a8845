#!/usr/bin/env bash
# One node, one mixed load run, and the CPU each conversation turn cost the node: the figures in
# docs/performance.md come from this script.
#
#   src/bench/node-load.sh [--db h2|postgres] [--residents 200] [--duration 30] [--warmup 120] [--rate R] [--jar src/target/linli.jar] [--node-jvm OPTION]... [-- node options]
#
# It starts the packaged service on port 8080 with test secrets and the per-resident rate limits
# off (a load run is a flood), warms it up with a short run at 50 residents, then runs
# `load run --mix web=2,sms=1,wechat=1 --warmup 20s` (the generator is a fresh JVM: 20 s of the
# same load first, so that its own JIT is done before the measured phase) and samples, once a
# second, the CPU time of the node and of the load generator from /proc, counted over the measured
# phase only (it starts at the generator's `warm-up:` line). CPU milliseconds per turn are what a
# profile-driven change should move; throughput and latency also depend on whatever else the
# machine is doing. A stall detector beside the node (a 10 ms sleep in a loop) reports how often
# the machine itself held a process up by more than 50 ms during the measured phase.
#
# --rate R makes the measured run the open model (`load run --rate R`: R turns per second from all
# residents together, latency counted from each message's scheduled time; see docs/performance.md);
# the warm-up stays a closed loop. The issue's target: --residents 200 --rate 500.
#
# Options after `--` go to the node, e.g. `-- --linli.http.concurrent-turns=0` to compare a setting;
# --node-jvm adds one option to the node's JVM (not the generator's), e.g. `--node-jvm -Xlog:gc:gc.log`.
#
# --db postgres uses the server on 127.0.0.1:5432 (user postgres, trust authentication) and a
# database `linli_bench` that the script drops and creates again, and also reports the CPU the
# server's processes used per turn when they run on this machine. Linux only (/proc).
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=h2 RESIDENTS=200 DURATION=30 WARMUP=120 GENERATOR_WARMUP=20 RATE="" JAR=src/target/linli.jar
EXTRA_NODE_ARGS=() NODE_JVM=(-Xmx1g)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) DB=$2; shift 2 ;;
    --residents) RESIDENTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    --node-jvm) NODE_JVM+=("$2"); shift 2 ;;
    --) shift; EXTRA_NODE_ARGS=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$JAR" ]] || { echo "no $JAR: build it first (./linli build)" >&2; exit 1; }
(( DURATION >= 10 )) || { echo "--duration must be at least 10 (seconds)" >&2; exit 2; }
if [[ -n "$RATE" ]] && ! python3 -c 'import sys, math; r = float(sys.argv[1]); sys.exit(0 if math.isfinite(r) and r > 0 else 1)' "$RATE" 2>/dev/null; then
  echo "--rate must be a positive number of turns per second (all residents together), e.g. 500" >&2; exit 2
fi
RATE_ARGS=()
[[ -n "$RATE" ]] && RATE_ARGS=(--rate "$RATE")
source src/bench/common.sh
require_free_port
pick_java

WORK=$(mktemp -d /tmp/linli-bench.XXXXXX)
export_test_secrets
NODE_ARGS=(--linli.rate-limit.enabled=false --linli.data-dir="$WORK/data")
if [[ "$DB" == postgres ]]; then
  fresh_postgres linli_bench
  NODE_ARGS+=(--spring.profiles.active=postgres)
elif [[ "$DB" != h2 ]]; then
  echo "--db must be h2 or postgres" >&2; exit 2
fi

"$JAVA" "${NODE_JVM[@]}" -jar "$JAR" "${NODE_ARGS[@]}" ${EXTRA_NODE_ARGS[@]+"${EXTRA_NODE_ARGS[@]}"} >"$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
wait_for_node $NODE "$WORK/node.log"

load() { "$JAVA" -jar "$JAR" load run --url http://localhost:8080 --mix web=2,sms=1,wechat=1 "$@"; }
load --residents 50 --duration "${WARMUP}s" >/dev/null

# CPU samplers: one long-lived process each, reading /proc once a second. (A loop of awk, date and
# pgrep per sample, as this script had until session 9, forks some 30 processes a second with a
# PostgreSQL server's children to read: measured with perf, 12 % of this 2-core machine, taken from
# the node and the server it was measuring.)
#   sample_cpu PID [GUARD_PID] [children]: prints "<epoch seconds> <cpu ticks>" once a second while
#   PID (and GUARD_PID, when given) live; with `children`, PID's ticks include those of its ended
#   children (counted in its own record) and of its live children (a database server's backends)
sample_cpu() {
  python3 -u - "$@" <<'SAMPLER'
import os, sys, time
pid = int(sys.argv[1])
guard = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
children = len(sys.argv) > 3 and sys.argv[3] == "children"

def fields(p):
    with open(f"/proc/{p}/stat") as f:
        s = f.read()
    return s[s.rindex(")") + 2:].split()  # from the state field on: utime is [11], stime [12]

def ticks():
    f = fields(pid)
    total = int(f[11]) + int(f[12])
    if children:
        total += int(f[13]) + int(f[14])
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    c = fields(d)
                except OSError:
                    continue
                if int(c[1]) == pid:
                    total += int(c[11]) + int(c[12])
    return total

def alive(p):
    return p is None or os.path.exists(f"/proc/{p}")

while alive(pid) and alive(guard):
    try:
        print(f"{time.time():.3f} {ticks()}", flush=True)
    except OSError:
        break
    time.sleep(1)
SAMPLER
}
sample_cpu $NODE >"$WORK/node.cpu" &
# A stall detector outside the node: a process that sleeps 10 ms in a loop and records every wake-up
# that came more than 50 ms late. A stall of the turns that it sees too was the machine's (the host
# or the scheduler); one it does not see was inside the node.
python3 -u - "$NODE" >"$WORK/stalls" <<'DETECTOR' &
import os, sys, time
node = sys.argv[1]
last = time.monotonic()
while os.path.exists(f"/proc/{node}"):
    time.sleep(0.01)
    now = time.monotonic()
    if now - last > 0.06:
        print(f"{time.time() - (now - last):.3f} {1000 * (now - last - 0.01):.0f}", flush=True)
    last = now
DETECTOR
if [[ "$DB" == postgres ]]; then
  # the database server's CPU: the postmaster and its children (one per pooled connection)
  POSTMASTER=$(pgrep -o -x postgres || true)
  [[ -n "$POSTMASTER" ]] && sample_cpu "$POSTMASTER" "$NODE" children >"$WORK/database.cpu" &
fi
load --residents "$RESIDENTS" --duration "${DURATION}s" --warmup "${GENERATOR_WARMUP}s" "${RATE_ARGS[@]}" 2>&1 \
  | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done >"$WORK/load.out" &
LOADER=$!
GEN=""
for _ in $(seq 1 50); do
  GEN=$(pgrep -f -- "--residents $RESIDENTS --duration ${DURATION}s" | head -1 || true)
  [[ -n "$GEN" ]] && break
  sleep 0.1
done
[[ -n "$GEN" ]] && sample_cpu "$GEN" >"$WORK/generator.cpu" &
wait $LOADER

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), database $DB${RATE:+, open model at $RATE turns/s}"
cut -d' ' -f2- "$WORK/load.out"
python3 - "$WORK" "$DURATION" "$(getconf CLK_TCK)" <<'PY'
import re, sys
work, duration, tck = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
out = open(f"{work}/load.out").read().splitlines()
# the measured turn phase starts when the generator's own warm-up ends (its `warm-up:` line;
# the header line when there is no warm-up)
header = next((l for l in out if " warm-up:" in l), None) or next(l for l in out if " load:" in l)
start = float(header.split()[0])
turns = float(re.search(r"throughput=([\d.]+)", next(l for l in out if " all " in l)).group(1))

def cpu_rate(name, begin, end):
    """cores the process used between two times, or None"""
    try:
        rows = [l.split() for l in open(f"{work}/{name}.cpu")]
    except FileNotFoundError:
        return None
    w = [(float(t), float(c)) for t, c in rows if begin <= float(t) <= end]
    if len(w) < 2:
        return None
    return (w[-1][1] - w[0][1]) / tck / (w[-1][0] - w[0][0])

# the turn phase is the first `duration` seconds after that line, the liveness phase the
# `duration` seconds after the turn report; leave the edges out
turn_window = (start + 2, start + duration - 1)
liveness_start = float(next(l for l in out if " all " in l).split()[0])
liveness_window = (liveness_start + 2, liveness_start + duration - 1)
probes = float(re.search(r"throughput=([\d.]+)", next(l for l in out if " liveness " in l)).group(1))

node_turn = None
for name, label in (("node", "node"), ("generator", "generator"), ("database", "database server")):
    cores = cpu_rate(name, *turn_window)
    if cores is None or turns == 0:
        continue
    print(f"{label}: {cores:.2f} cores during the turn phase, {1000 * cores / turns:.2f} ms CPU per turn")
    if name == "node":
        node_turn = 1000 * cores / turns
# wake-ups of the stall detector that came late during the turn phase
late = [float(l.split()[1]) for l in open(f"{work}/stalls")
        if start <= float(l.split()[0]) <= start + duration]
print(f"machine: a 10 ms sleep woke more than 50 ms late {len(late)} times during the turn phase"
      + (f", at most {max(late):.0f} ms late" if late else ""))
# The machine's speed moves (a shared virtual machine: the same build measured 2.6 and 6.0 ms per
# turn an hour apart); the node's CPU per liveness request, taken in the same run, is the yardstick.
cores = cpu_rate("node", *liveness_window)
if node_turn and cores and probes:
    probe = 1000 * cores / probes
    print(f"node: {probe:.3f} ms CPU per liveness request; a turn costs {node_turn / probe:.1f} liveness requests")
PY
echo "logs and samples: $WORK"
