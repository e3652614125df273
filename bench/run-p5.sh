#!/usr/bin/env bash
# Benchmark P5: GET /api requests per second with HTTP Basic, verified-credential cache off vs on, side by side.
# Usage: bench/run-p5.sh [clients] [secondsPerRound] [rounds]     (default 8 10 3; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx2g -cp "$classpath" io.mekong.bench.BasicAuthBenchmark "$@"
