#!/usr/bin/env bash
# Formats the project's Swift code with the toolchain's swift-format and .swift-format.
#   tools/format.sh          reformat in place
#   tools/format.sh --check  change nothing; exit 1 when a file is not formatted (run by tools/test.sh)
# The code protoc-gen-swift writes (Sources/MyOpenIPProto) keeps its own style; the project's
# generator (tools/protogen) writes formatted code, so its output is checked like the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find Package.swift Sources Tests tools -name '*.swift' -not -path 'Sources/MyOpenIPProto/*' | LC_ALL=C sort)
if [ "${1:-}" = "--check" ]; then
  swift format lint --strict --parallel "${files[@]}" || {
    echo "Swift code is not formatted: run tools/format.sh and commit the result" >&2
    exit 1
  }
  echo "Swift code is formatted (${#files[@]} files)"
else
  swift format format --in-place --parallel "${files[@]}"
fi
