#!/usr/bin/env bash
# Slack latency benchmark: starts the packaged Warden jar with Slack pointed at a fake Web API on
# loopback, then times (1) signed slash commands to their 200 against /webhooks/noop and (2)
# Alertmanager notifications to the first chat.postMessage at the fake Slack against the webhook's
# own 202, both with SlackLoad.java. No model is configured. Builds nothing: run
# `./mvnw -B -DskipTests package` first. Raw output goes to bench/results/slack-<date>.txt. See
# bench/README.md.
#
# Every knob can be overridden from the environment, e.g. a quick smoke run:
#   SERVER_WARMUP=3 DURATION=5 WARMUP=2 ALERT_WARMUP=10 ALERTS=20 ALERT_TIMEOUT=10 \
#     bash bench/slack-load/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${JAR:-$ROOT/agent/app/target/warden.jar}"
ALERT_PAYLOAD="${ALERT_PAYLOAD:-$ROOT/../shared/fixtures/alertmanager/01-firing-single.json}"
TOOL="$ROOT/bench/slack-load/SlackLoad.java"
PORT="${PORT:-18080}"
FAKE_SLACK_PORT="${FAKE_SLACK_PORT:-18081}"
URL="http://127.0.0.1:$PORT"
# Made-up values known to both sides; nothing here is a real credential.
SECRET="bench-signing-secret"
ALERT_TOKEN="bench-alerting-token"
RATE="${RATE:-50}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-10}"
TEXT="${TEXT:-help}"
SERVER_WARMUP="${SERVER_WARMUP:-10}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-120}"
ALERTS="${ALERTS:-300}"
ALERT_RATE="${ALERT_RATE:-1}"
CHANNELS="${CHANNELS:-10}"
ALERT_TIMEOUT="${ALERT_TIMEOUT:-30}"
ALERT_WARMUP="${ALERT_WARMUP:-50}"
ALERT_WARMUP_TIMEOUT="${ALERT_WARMUP_TIMEOUT:-10}"
ACK_P99_GOAL_MS="${ACK_P99_GOAL_MS:-100}"
POST_P95_GOAL_MS="${POST_P95_GOAL_MS:-500}"
RUN_ID="b$(date +%s)"

RESULTS_DIR="$ROOT/bench/results"
RESULT_FILE="$RESULTS_DIR/slack-$(date +%Y-%m-%d-%H%M%S).txt"
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
    "text=$TEXT alerts=$ALERTS alert_rate=$ALERT_RATE alert_timeout=$ALERT_TIMEOUT" \
    "alert_warmup=$ALERT_WARMUP alert_warmup_timeout=$ALERT_WARMUP_TIMEOUT channels=$CHANNELS llm=none"
}

port_in_use() { curl -s -o /dev/null "http://127.0.0.1:$1/"; }

start_server() {
  [[ -f "$JAR" ]] || { echo "no $JAR; run ./mvnw -B -DskipTests package first" >&2; exit 1; }
  [[ -f "$ALERT_PAYLOAD" ]] || { echo "no alert payload at $ALERT_PAYLOAD" >&2; exit 1; }
  local port
  for port in "$PORT" "$FAKE_SLACK_PORT"; do
    if port_in_use "$port"; then
      echo "something already listens on port $port; stop it or set PORT / FAKE_SLACK_PORT" >&2
      exit 1
    fi
  done
  # Run a private copy: a concurrent `mvnw package` rewrites the jar in place, and a server
  # reading classes lazily from a rewritten jar fails with NoClassDefFoundError.
  cp "$JAR" "$WORK_DIR/warden.jar"
  log "starting server in a fresh temporary directory (Slack Web API: the fake on port" \
    "$FAKE_SLACK_PORT, started by each SlackLoad run)"
  # Slack allows about one message a second per channel, and a new alert group costs two (its
  # root and the details reply), so CHANNELS routes spread the groups by the last digit of their
  # alert name, as a team's routes spread them by team or namespace. CHANNELS=1 puts them all in
  # C0BENCH, where anything above a new group every two seconds queues behind Slack's limit.
  local routes=() i
  if [[ "$CHANNELS" -gt 1 ]]; then
    for ((i = 0; i < 10; i++)); do
      routes+=("--warden.slack.routes[$i].channel=C0BENCH$((i % CHANNELS))"
        "--warden.slack.routes[$i].match.alertname=~.*$i")
    done
  fi
  # No warden.llm.* at all: the provider stays `none`, so every answer is deterministic.
  (cd "$WORK_DIR" && exec java -jar warden.jar --server.port="$PORT" "${routes[@]}" \
    --warden.intake.noop-endpoint=true \
    --warden.slack.bot-token=xoxb-bench-not-a-real-token \
    --warden.slack.signing-secret="$SECRET" \
    --warden.slack.api-url="http://127.0.0.1:$FAKE_SLACK_PORT/api/" \
    --warden.slack.default-channel=C0BENCH \
    --warden.alerting.token="$ALERT_TOKEN" \
    --warden.runbooks.start-on-alert=false \
    >server.log 2>&1) &
  SERVER_PID=$!
  for _ in $(seq "$STARTUP_TIMEOUT"); do
    if curl -sf "$URL/actuator/health" | grep -q '"status":"UP"'; then
      echo "server up (pid $SERVER_PID)"
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  echo "server did not come up within $STARTUP_TIMEOUT s; last log lines:" >&2
  tail -30 "$WORK_DIR/server.log" >&2
  exit 1
}

# load NAME MODE ARGS...: runs the generator, keeps its output in $WORK_DIR/NAME.out.
load() {
  local name="$1" mode="$2"
  shift 2
  log "$name"
  # Run ids are letters and digits only; each run's differs, so its alert names are new.
  java "$TOOL" "$mode" --url "$URL" --fake-slack-port "$FAKE_SLACK_PORT" \
    --run-id "$RUN_ID${name//[^A-Za-z0-9]/}" "$@" | tee "$WORK_DIR/$name.out"
}

ack() {
  load "$1" ack --signing-secret "$SECRET" --rate "$RATE" --text "$TEXT" "${@:2}"
}

alert() {
  load "$1" alert --alerting-token "$ALERT_TOKEN" --alert-payload "$ALERT_PAYLOAD" \
    --alert-rate "$ALERT_RATE" "${@:2}"
}

# json_field NAME KEY: the first numeric "KEY":value in run NAME's SUMMARY_JSON line; empty if
# the key is absent or null (not measured).
json_field() {
  grep -s '^SUMMARY_JSON ' "$WORK_DIR/$1.out" | grep -o "\"$2\":[0-9.]*" | head -1 \
    | cut -d: -f2 || true
}

# goal VALUE LIMIT: whether a measured value is under its goal.
goal() {
  if [[ -z "$1" ]]; then
    echo "not measured"
  else
    awk -v v="$1" -v l="$2" 'BEGIN {print (v < l ? "met" : "missed")}'
  fi
}

or_na() { echo "${1:-n/a}"; }

# ms VALUE: "VALUE ms", or n/a when it was not measured.
ms() { if [[ -n "$1" ]]; then echo "$1 ms"; else echo "n/a"; fi; }

summarize() {
  log "summary (compare ratios within this run only: the machine is shared)"
  local ack_p99 post_p95 posted
  ack_p99="$(json_field ack ack_p99)"
  echo "ack    $RATE/s \"$TEXT\": p50 $(ms "$(json_field ack ack_p50)")" \
    " p90 $(ms "$(json_field ack ack_p90)")  p99 $(ms "$ack_p99")" \
    " p99.9 $(ms "$(json_field ack ack_p999)")  max $(ms "$(json_field ack ack_max)")" \
    " errors $(or_na "$(json_field ack ack_errors)")"
  echo "noop   $RATE/s (baseline): p50 $(ms "$(json_field ack baseline_p50)")" \
    " p99 $(ms "$(json_field ack baseline_p99)")" \
    " errors $(or_na "$(json_field ack baseline_errors)")"
  echo "p99 ack/noop: $(or_na "$(json_field ack p99_ratio)")"
  echo "goal ack p99 < ${ACK_P99_GOAL_MS} ms: $(goal "$ack_p99" "$ACK_P99_GOAL_MS")"

  posted="$(json_field alert posted_within_timeout)"
  post_p95="$(json_field alert post_p95)"
  echo "alert  $ALERTS at $ALERT_RATE/s: posted within $ALERT_TIMEOUT s: $(or_na "$posted")" \
    "of $ALERTS; first post p50 $(ms "$(json_field alert post_p50)")" \
    " p90 $(ms "$(json_field alert post_p90)")  p95 $(ms "$post_p95")" \
    " p99 $(ms "$(json_field alert post_p99)")  max $(ms "$(json_field alert post_max)")"
  echo "webhook 202 (baseline): p50 $(ms "$(json_field alert webhook_p50)")" \
    " p95 $(ms "$(json_field alert webhook_p95)")  p99 $(ms "$(json_field alert webhook_p99)")" \
    " errors $(or_na "$(json_field alert webhook_errors)")"
  echo "p95 first post/webhook 202: $(or_na "$(json_field alert p95_ratio)")"
  echo "goal first post p95 < ${POST_P95_GOAL_MS} ms: $(goal "$post_p95" "$POST_P95_GOAL_MS")"

  # Complete means every measured request was answered as expected and every alert was posted;
  # the goals themselves are reported, not enforced.
  COMPLETE="yes"
  if [[ "$(json_field ack ack_errors)" != "0" || "$(json_field ack baseline_errors)" != "0" ]]; then
    COMPLETE="no (the ack runs had errors or unexpected statuses)"
  elif [[ "${posted:-0}" != "$ALERTS" ]]; then
    COMPLETE="no (${posted:-0} of $ALERTS alerts got a post within ${ALERT_TIMEOUT} s)"
  fi
  echo "measurement complete: $COMPLETE"
}

main() {
  describe_machine
  start_server
  # A fresh JVM serves its first requests interpreted; without this the measured runs would time
  # the JIT compiler. These runs' results are thrown away.
  ack warmup-ack --duration "$SERVER_WARMUP" --warmup 0
  # The slash command runs come first: alerts leave background processing behind them.
  ack ack --duration "$DURATION" --warmup "$WARMUP"
  alert warmup-alert --alerts "$ALERT_WARMUP" --alert-timeout "$ALERT_WARMUP_TIMEOUT"
  alert alert --alerts "$ALERTS" --alert-timeout "$ALERT_TIMEOUT"
  summarize
  echo
  echo "raw output: ${RESULT_FILE#"$ROOT"/}"
  [[ "$COMPLETE" == yes ]]
}

COMPLETE="not run"
mkdir -p "$RESULTS_DIR"
# Redirect rather than pipe `main` into tee: a pipeline would run main in a subshell, where the
# EXIT trap could not see SERVER_PID.
exec > >(tee "$RESULT_FILE") 2>&1
main
