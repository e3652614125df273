#!/usr/bin/env bash
# Benchmark P4, quality: labelled synthetic people through the hub's keys and resolver under the shipped identity.yaml;
# precision, recall and F1 for a tuning seed and a held-out seed, and the in-memory resolution time.
# Usage: bench/run-p4.sh [identities] [heldOutSeed]     (default 1000000 20261207; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx6g -cp "$classpath" io.mekong.bench.IdentityBenchmark "${1:-1000000}" "${2:-20261207}"
