#!/usr/bin/env bash
# Installs what is missing, builds myopenipd in release mode, and starts it on its embedded
# defaults (or on the flags given: tools/start.sh --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
command -v swift >/dev/null || { echo "swift is not on PATH: install a Swift 6 toolchain (swift.org) first" >&2; exit 1; }
swift build -c release --product myopenipd >&2
swift build -c release --product myopenipctl >&2
exec .build/release/myopenipd "$@"
