#!/usr/bin/env bash
# Builds in release mode and runs the round-trip benchmark (see docs/benchmarks.md).
# Arguments are passed to myopenip-bench (e.g. --seconds 5 --in-flight 1,16,64).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product myopenipd >&2
swift build -c release --product myopenip-bench >&2
exec .build/release/myopenip-bench "$@"
