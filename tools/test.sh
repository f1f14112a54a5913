#!/usr/bin/env bash
# Installs what is missing, builds every product, and runs the whole test suite
# (unit tests and integration tests against real daemons over loopback).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
tools/facturx/setup-venv.sh          # the offline Factur-X checks the billing tests run
command -v swift >/dev/null || { echo "swift is not on PATH: install a Swift 6 toolchain (swift.org) first" >&2; exit 1; }
tools/check-proto.sh
tools/format.sh --check            # the code follows .swift-format
swift build --build-tests
tools/generate-glue.sh --check    # the glue generated from proto/ is committed up to date
timeout 1200 swift test --skip-build   # a hung test fails the run instead of eating CI time
