#!/usr/bin/env bash
# Benchmark P4, speed: 1,000,000 labelled identities resolved through the database, incrementally (page after page, as
# store:commit does) and as a batch rebuild (POST /api/profiles/rebuild); prints a Markdown table.
# Usage: bench/run-p4-store.sh [identities] [seed] [pageSize]     (default 1000000 20261207 250)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$(bench/build.sh)"
exec java -Xmx6g -cp "$classpath" io.mekong.bench.IdentityStoreBenchmark "${1:-1000000}" "${2:-20261207}" "${3:-250}"
