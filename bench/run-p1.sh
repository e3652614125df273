#!/usr/bin/env bash
# Benchmark P1: Shopify orders from the simulator into the store, end to end, against a plain-JDBC ceiling.
# Usage: bench/run-p1.sh [orders]     (default 50000; prints a Markdown table for docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx4g -cp "$classpath" io.mekong.bench.SyncBenchmark "$@"
