#!/usr/bin/env bash
# Runs one JMH benchmark of bench/jmh: builds the module, runs the benchmark, and writes the output
# to bench/results/<name>-<date>.txt headed by a description of the machine. See bench/README.md.
#
#   bash bench/jmh/run.sh policy PolicyEngineBenchmark     # policy engine decision time
#   bash bench/jmh/run.sh redact RedactorBenchmark         # redaction throughput
#   bash bench/jmh/run.sh llm-gateway GatewayOverheadBenchmark  # what the LLM gateway adds to a call
#
# Further arguments go to JMH, e.g. a quick smoke run: ... -wi 1 -i 1 -r 1s
# JMH's "VM invoker" line (the path of java on this machine) is left out of the results.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: bash bench/jmh/run.sh NAME BENCHMARK [JMH options...]" >&2
  exit 2
fi
NAME="$1"
BENCHMARK="$2"
shift 2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl bench/jmh -am -DskipTests package

RESULTS_DIR="bench/results"
RESULT_FILE="$RESULTS_DIR/$NAME-$(date +%Y-%m-%d-%H%M%S).txt"
mkdir -p "$RESULTS_DIR"
{
  echo "# $BENCHMARK, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# command: bash bench/jmh/run.sh $NAME $BENCHMARK $*"
  echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# memory: $(free -h | awk '/Mem:/ {print $2}')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo
} | tee "$RESULT_FILE"

java -cp "bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)" \
  org.openjdk.jmh.Main "$BENCHMARK" "$@" 2>&1 | grep --line-buffered -v '^# VM invoker: ' |
  tee -a "$RESULT_FILE"

echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULT_FILE"
echo "results: $RESULT_FILE"
