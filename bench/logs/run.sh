#!/usr/bin/env bash
# The log miner's benchmark (issue 5): accuracy on the 10 Loghub-2k systems of ../shared, and speed
# on the 1,000,000-line Loghub mix made by ../shared/bench/make_big_log.sh. Writes
# bench/results/logs-<date>.txt (headed by the machine) and bench/results/logs-accuracy.json (the
# figures the regression test LoghubAccuracyTest holds the miner to). See bench/README.md.
#
#   bash bench/logs/run.sh            # everything (about 5 minutes)
#   SHARED=path/to/shared bash bench/logs/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-../shared}"
./mvnw -B -q -DskipTests package

BIG="bench/jmh/target/loghub-1M.log"
if [[ ! -f "$BIG" ]]; then
  (cd "$SHARED" && bash bench/make_big_log.sh "$ROOT/$BIG" >/dev/null)
fi

RESULT="bench/results/logs-$(date +%Y-%m-%d-%H%M%S).txt"
RSS="$(mktemp)"
trap 'rm -f "$RSS"' EXIT
{
  echo "# log miner benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# command: bash bench/logs/run.sh"
  echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# memory: $(free -h | awk '/Mem:/ {print $2}')"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo
  echo "## Accuracy: Loghub-2k, corrected ground truth (python3 bench/logs/score.py)"
  echo
  python3 bench/logs/score.py --shared "$SHARED" --json bench/results/logs-accuracy.json
  echo
  echo "## Speed: the whole process, 1,000,000 lines ($(du -m "$BIG" | cut -f1) MB), heap capped at 256 MB"
  echo
  for command in "logs parse $BIG --out /dev/null" "logs summarize $BIG --budget-tokens 2000"; do
    for run in 1 2 3; do
      start=$(date +%s.%N)
      JAVA_OPTS="-Xmx256m" /usr/bin/env time -f "%M" -o "$RSS" ./warden $command >/dev/null
      end=$(date +%s.%N)
      awk -v s="$start" -v e="$end" -v r="$(cat "$RSS")" -v c="$command" \
        'BEGIN { t = e - s; printf "- `./warden %s` run %d: %.2f s, %.0f lines/s, max RSS %.0f MB\n", c, '"$run"', t, 1000000 / t, r / 1024 }'
    done
  done
  echo
  echo "## Speed: the miner alone (JMH, bash bench/jmh/run.sh logs-miner LogMinerBenchmark)"
  echo
} | tee "$RESULT"
bash bench/jmh/run.sh logs-miner LogMinerBenchmark -jvmArgsAppend "-Dwarden.bench.log=$BIG" \
  | grep -E '^(Benchmark|LogMinerBenchmark)' | tee -a "$RESULT"
echo "results: $RESULT"
