#!/usr/bin/env bash
# Policy engine benchmark (JMH): the time to decide one action against 10, 100 and 1,000 rules,
# with the action's canonical hash alone as the baseline measured in the same run. Builds the
# benchmark module, runs it, and writes the output to bench/results/policy-<date>.txt headed by a
# description of the machine. See bench/README.md.
#
# JMH options can be passed through, e.g. a quick smoke run:  bash bench/policy/run.sh -wi 1 -i 1 -r 1s
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl bench/jmh -am -DskipTests package

RESULTS_DIR="bench/results"
RESULT_FILE="$RESULTS_DIR/policy-$(date +%Y-%m-%d-%H%M%S).txt"
mkdir -p "$RESULTS_DIR"
{
  echo "# Policy engine benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# command: bash bench/policy/run.sh $*"
  echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# memory: $(free -h | awk '/Mem:/ {print $2}')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo
} | tee "$RESULT_FILE"

java -cp "bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)" \
  org.openjdk.jmh.Main PolicyEngineBenchmark "$@" 2>&1 | tee -a "$RESULT_FILE"

echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULT_FILE"
echo "results: $RESULT_FILE"
