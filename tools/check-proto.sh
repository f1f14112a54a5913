#!/usr/bin/env bash
# Tells whether the committed generated code in Sources/MyOpenIPProto matches proto/.
# generate-proto.sh records a digest of every .proto file beside the generated code;
# this check recomputes it (no protoc needed) and fails when a .proto changed since.
#   tools/check-proto.sh           check, exit 1 when stale
#   tools/check-proto.sh --record  write the digest (called by generate-proto.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
record=Sources/MyOpenIPProto/PROTO_SOURCES.sha256
current=$( (cd proto && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) )
if [ "${1:-}" = "--record" ]; then
  printf '%s\n' "$current" > "$record"
  exit 0
fi
if [ ! -f "$record" ] || [ "$current" != "$(cat "$record")" ]; then
  echo "Sources/MyOpenIPProto is stale: proto/ changed since the code was generated." >&2
  echo "Run tools/generate-proto.sh and commit the result." >&2
  diff <(cat "$record" 2>/dev/null) <(printf '%s\n' "$current") >&2 || true
  exit 1
fi
echo "generated protobuf code is up to date with proto/"
