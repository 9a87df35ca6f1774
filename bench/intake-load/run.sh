#!/usr/bin/env bash
# Intake benchmark: starts the packaged Warden jar, drives /webhooks/noop and /webhooks/github with
# IntakeLoad.java, finds the maximum sustained rate of each, then checks that every accepted
# GitHub delivery became exactly one inbox row. Builds nothing: run `./mvnw -B -DskipTests package`
# first. Raw output goes to bench/results/intake-<date>.txt. See bench/README.md.
#
# Every knob can be overridden from the environment, e.g. a quick smoke run:
#   SERVER_WARMUP=5 DURATION=5 WARMUP=2 STEP_DURATION=3 STEP_WARMUP=1 STEPS=200,400 \
#     bash bench/intake-load/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${JAR:-$ROOT/agent/app/target/warden.jar}"
PAYLOAD="${PAYLOAD:-$ROOT/../shared/fixtures/github/pull_request.opened.02.json}"
TOOL="$ROOT/bench/intake-load/IntakeLoad.java"
PORT="${PORT:-18080}"
URL="http://127.0.0.1:$PORT"
SECRET="bench-secret"
RATE="${RATE:-200}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-10}"
STEPS="${STEPS:-100,200,400,800,1600,3200,6400}"
STEP_DURATION="${STEP_DURATION:-10}"
STEP_WARMUP="${STEP_WARMUP:-2}"
P99_LIMIT_MS="${P99_LIMIT_MS:-100}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-45}"
SERVER_WARMUP="${SERVER_WARMUP:-10}"
RUN_ID="bench-$(date +%s)"

RESULTS_DIR="$ROOT/bench/results"
RESULT_FILE="$RESULTS_DIR/intake-$(date +%Y-%m-%d-%H%M%S).txt"
WORK_DIR="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT INT TERM

log() { printf '\n### %s\n' "$*"; }

describe_machine() {
  log "machine ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "nproc: $(nproc)"
  lscpu | grep 'Model name' || true
  free -h
  java -version 2>&1
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: server_warmup=$SERVER_WARMUP rate=$RATE duration=$DURATION warmup=$WARMUP" \
    "steps=$STEPS step_duration=$STEP_DURATION step_warmup=$STEP_WARMUP p99_limit_ms=$P99_LIMIT_MS"
}

start_server() {
  [[ -f "$JAR" ]] || { echo "no $JAR; run ./mvnw -B -DskipTests package first" >&2; exit 1; }
  [[ -f "$PAYLOAD" ]] || { echo "no payload at $PAYLOAD (set PAYLOAD=...)" >&2; exit 1; }
  if curl -s -o /dev/null "$URL/"; then
    echo "something already listens on port $PORT; stop it or set PORT=..." >&2
    exit 1
  fi
  # Run a private copy: a concurrent `mvnw package` rewrites the jar in place, and a server
  # reading classes lazily from a rewritten jar fails with NoClassDefFoundError.
  cp "$JAR" "$WORK_DIR/warden.jar"
  log "starting server in a fresh temporary directory"
  (cd "$WORK_DIR" && exec java -jar warden.jar --server.port="$PORT" \
    --warden.github.webhook-secret="$SECRET" --warden.intake.noop-endpoint=true \
    >server.log 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 60); do
    if curl -sf "$URL/actuator/health" | grep -q '"status":"UP"'; then
      echo "server up (pid $SERVER_PID)"
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  echo "server did not come up; last log lines:" >&2
  tail -30 "$WORK_DIR/server.log" >&2
  exit 1
}

# load NAME ARGS...: runs the generator, keeps its output in $WORK_DIR/NAME.out.
load() {
  local name="$1"
  shift
  log "$name"
  java "$TOOL" --url "$URL" --secret "$SECRET" --payload "$PAYLOAD" --run-id "$RUN_ID-$name" \
    "$@" | tee "$WORK_DIR/$name.out"
}

# json_field NAME KEY: first numeric "KEY":value in run NAME's SUMMARY_JSON line (0 if absent).
json_field() {
  local value
  value="$(grep -s '^SUMMARY_JSON ' "$WORK_DIR/$1.out" | grep -o "\"$2\":[0-9.]*" | head -1 \
    | cut -d: -f2 || true)"
  echo "${value:-0}"
}

inbox_counts_json() {
  curl -sf "$URL/actuator/events?limit=1" | grep -o '"counts":{[^}]*}'
}

# inbox_count STATE...: sum of the inbox counts for the given states (all states if none given).
inbox_count() {
  local counts
  counts="$(inbox_counts_json)"
  if [[ $# -eq 0 ]]; then
    echo "$counts" | grep -o ':[0-9]*' | tr -d ':' | awk '{s += $1} END {print s + 0}'
  else
    local total=0 state n
    for state in "$@"; do
      n="$(echo "$counts" | grep -o "\"$state\":[0-9]*" | cut -d: -f2 || true)"
      total=$((total + ${n:-0}))
    done
    echo "$total"
  fi
}

# Waits (bounded) until the inbox has no unfinished work, so a phase does not run against the
# previous phase's backlog. Also reports how fast the backlog was worked off, since background
# processing that cannot keep up with intake is worth knowing about.
wait_for_drain() {
  local waited=0 open finished_before finished
  finished_before="$(inbox_count DONE DEAD)"
  while :; do
    open="$(inbox_count PENDING PROCESSING RETRYING)"
    finished="$(inbox_count DONE DEAD)"
    if [[ "$open" -eq 0 ]]; then
      echo "inbox drained after ${waited} s: $(inbox_counts_json)"
      DRAINED="yes"
      return 0
    fi
    if [[ "$waited" -ge "$DRAIN_TIMEOUT" ]]; then
      echo "inbox NOT drained after ${waited} s: $open unfinished;" \
        "processed $((finished - finished_before)) events in that time"
      DRAINED="no ($open unfinished after ${waited} s)"
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

check_no_event_lost() {
  log "no-event-lost check"
  wait_for_drain || true
  local rows accepted=0 unanswered=0 out name
  rows="$(inbox_count)"
  # Every run against /webhooks/github (warm-up included) adds rows; noop runs add none.
  for out in "$WORK_DIR"/*.out; do
    name="$(basename "$out" .out)"
    if grep -q '^SUMMARY_JSON .*"target":"github"' "$out"; then
      accepted=$((accepted + $(json_field "$name" accepted_total)))
      unanswered=$((unanswered + $(json_field "$name" unanswered_total)))
    fi
  done
  echo "inbox rows: $rows; github 202 responses: $accepted;" \
    "github requests without any answer: $unanswered"
  echo "inbox states: $(inbox_counts_json)"
  # Each 202 must be a row. A request the client gave up on (timeout) may still have been stored,
  # so up to $unanswered extra rows are not a loss.
  if [[ "$rows" -eq "$accepted" ]]; then
    LOST_CHECK="PASS (rows == 202s)"
  elif [[ "$rows" -gt "$accepted" && "$rows" -le $((accepted + unanswered)) ]]; then
    LOST_CHECK="PASS (no loss; $((rows - accepted)) extra rows from client-side timeouts)"
  else
    LOST_CHECK="FAIL (rows $rows, 202s $accepted, unanswered $unanswered)"
  fi
  LOST_CHECK="$LOST_CHECK; inbox drained: $DRAINED"
  echo "no event lost: $LOST_CHECK"
}

summarize() {
  log "summary (compare ratios within this run only: the machine is shared)"
  local name
  for name in noop github; do
    printf '%-7s %s/s: achieved %s/s  p50 %s ms  p99 %s ms  p99.9 %s ms  max %s ms\n' "$name" \
      "$RATE" "$(json_field "$name" achieved_rate)" "$(json_field "$name" p50)" \
      "$(json_field "$name" p99)" "$(json_field "$name" p999)" "$(json_field "$name" max)"
  done
  echo "p99 github/noop: $(awk -v g="$(json_field github p99)" -v n="$(json_field noop p99)" \
    'BEGIN {printf (n > 0 ? "%.2f" : "n/a"), (n > 0 ? g / n : 0)}')"
  echo "max sustained rate (p99 < ${P99_LIMIT_MS} ms):" \
    "noop $(json_field noop-ladder max_sustained_rate)/s," \
    "github $(json_field github-ladder max_sustained_rate)/s"
  echo "no event lost: $LOST_CHECK"
}

main() {
  describe_machine
  start_server
  # A fresh JVM serves its first thousands of requests interpreted; without this the first run
  # measures the JIT compiler rather than the intake. Results of these two runs are discarded.
  load warmup-noop --target noop --rate "$RATE" --duration "$SERVER_WARMUP" --warmup 0
  load warmup-github --target github --rate "$RATE" --duration "$SERVER_WARMUP" --warmup 0
  wait_for_drain || true
  # Noop first, constant rate and ladder: github runs leave the inbox with processing to do,
  # and the floor should be measured without that work competing for the CPU.
  local ladder=(--step --steps "$STEPS" --duration "$STEP_DURATION" --warmup "$STEP_WARMUP"
    --p99-limit-ms "$P99_LIMIT_MS")
  load noop --target noop --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP"
  load noop-ladder --target noop "${ladder[@]}"
  load github --target github --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP"
  load github-ladder --target github "${ladder[@]}"
  check_no_event_lost
  summarize
  echo
  echo "raw output: ${RESULT_FILE#"$ROOT"/}"
  [[ "$LOST_CHECK" == PASS* ]]
}

LOST_CHECK="not run"
DRAINED="not checked"
mkdir -p "$RESULTS_DIR"
# Redirect rather than pipe `main` into tee: a pipeline would run main in a subshell, where the
# EXIT trap could not see SERVER_PID.
exec > >(tee "$RESULT_FILE") 2>&1
main
