#!/usr/bin/env bash
# Benchmark P2: signed webhooks at a fixed rate; acknowledgement latency and stored == acknowledged.
# Usage: bench/run-p2.sh [requestsPerSecond] [seconds]     (default 500 60; prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx2g -cp "$classpath" io.mekong.bench.WebhookBenchmark "$@"
