#!/usr/bin/env bash
# Builds in release mode and runs the round-trip benchmark (see docs/benchmarks.md).
# Without arguments, one run compares every measured call side by side: Health, WhoAmI, a company
# read with its sites, UpdateSite and keyed UpdateSite, at 1, 16 and 64 calls in flight over the
# Unix socket, each with its ratio to Health and the daemon's RSS.
# Arguments are passed to myopenip-bench instead (e.g. --call whoami --seconds 5 --in-flight 1,16,64).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
swift build -c release --product myopenipd >&2
swift build -c release --product myopenip-bench >&2
if [ "$#" -eq 0 ]; then
    set -- --compare health,whoami,company-page,update-site,update-site-keyed --in-flight 1,16,64 --seconds 3 --transports unix
fi
exec .build/release/myopenip-bench "$@"
