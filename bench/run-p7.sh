#!/usr/bin/env bash
# Benchmark P7: one authenticated GET /api request, by authentication: Basic first request, Basic cached, Basic with
# the cache off, and an API token, side by side. Usage: bench/run-p7.sh [requests]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx2g -cp "$classpath" io.mekong.bench.TokenAuthBenchmark "$@"
