#!/usr/bin/env python3
"""Scores `./warden logs parse` on the 10 Loghub-2k systems of ../shared.

For each system: `./warden logs parse <S>_2k.log --format <log_format> --out <tmp>.csv` (only the
header split of settings.json is used; its regex, st and depth are not), then
`python3 ../shared/bench/loghub_score.py <S>_2k.log_structured_corrected.csv <tmp>.csv`.
Prints a Markdown table next to Drain's figures on the same (corrected) ground truth, from
../shared/bench/README.md, and writes the figures as JSON for the regression test.

Usage, from the repository root after `./mvnw -B -DskipTests package`:
    python3 bench/logs/score.py [--shared ../shared] [--json bench/results/logs-accuracy.json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SYSTEMS = "Apache BGL Hadoop HDFS HealthApp HPC OpenSSH OpenStack Spark Zookeeper".split()
METRICS = ["GA", "PA", "FGA", "FTA"]

# logparser Drain vs the corrected ground truth, from ../shared/bench/README.md ("Our reproduction")
DRAIN = {
    "HDFS": (0.998, 0.625, 0.867, 0.600),
    "Hadoop": (0.948, 0.513, 0.820, 0.295),
    "Spark": (0.920, 0.382, 0.769, 0.400),
    "Zookeeper": (0.967, 0.497, 0.854, 0.354),
    "OpenStack": (0.733, 0.018, 0.117, 0.018),
    "BGL": (0.963, 0.344, 0.833, 0.219),
    "HPC": (0.887, 0.635, 0.753, 0.366),
    "HealthApp": (0.780, 0.231, 0.351, 0.109),
    "Apache": (1.000, 0.694, 1.000, 0.500),
    "OpenSSH": (0.789, 0.508, 0.880, 0.440),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--warden", default="./warden")
    parser.add_argument("--json", default=None, help="also write the figures here")
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    args = parser.parse_args()

    data = os.path.join(args.shared, "data", "loghub-2k")
    scorer = os.path.join(args.shared, "bench", "loghub_score.py")
    settings = json.load(open(os.path.join(data, "settings.json")))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for system in args.systems.split(","):
            out = os.path.join(tmp, system + ".csv")
            log = os.path.join(data, system, system + "_2k.log")
            subprocess.run(
                [args.warden, "logs", "parse", log, "--format", settings[system]["log_format"],
                 "--out", out],
                check=True)
            truth = os.path.join(data, system, system + "_2k.log_structured_corrected.csv")
            scored = subprocess.run(
                [sys.executable, scorer, truth, out], check=True, capture_output=True, text=True)
            figures = json.loads(scored.stdout)
            results[system] = {m: round(figures[m], 3) for m in METRICS}

    print("| system | Warden GA | PA | FGA | FTA | Drain GA | PA | FGA | FTA |")
    print("|---|---|---|---|---|---|---|---|---|")
    for system, r in results.items():
        drain = DRAIN.get(system, ("", "", "", ""))
        print(f"| {system} | " + " | ".join(f"{r[m]:.3f}" for m in METRICS) + " | "
              + " | ".join(f"{d:.3f}" for d in drain) + " |")
    n = len(results)
    mean = {m: sum(r[m] for r in results.values()) / n for m in METRICS}
    drain_mean = [sum(DRAIN[s][i] for s in results) / n for i in range(4)]
    print(f"| **mean of {n}** | " + " | ".join(f"**{mean[m]:.3f}**" for m in METRICS) + " | "
          + " | ".join(f"{d:.3f}" for d in drain_mean) + " |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"ground_truth": "corrected", "systems": results,
                       "mean": {m: round(v, 3) for m, v in mean.items()}}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
