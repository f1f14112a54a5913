#!/usr/bin/env bash
# Tells whether the committed generated code (Swift in Sources/MyOpenIPProto, C in
# Sources/CMyOpenIPProto) matches proto/. Each generator records a digest of every .proto file
# beside its code; this check recomputes it (no protoc needed) and fails when a .proto changed.
#   tools/check-proto.sh              check both, exit 1 when one is stale
#   tools/check-proto.sh --record DIR write DIR's digest (called by the generators)
set -euo pipefail
cd "$(dirname "$0")/.."
current=$( (cd proto && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum) )
if [ "${1:-}" = "--record" ]; then
  printf '%s\n' "$current" > "${2:?the folder of the generated code}/PROTO_SOURCES.sha256"
  exit 0
fi
stale=0
for generated in Sources/MyOpenIPProto:tools/generate-proto.sh Sources/CMyOpenIPProto:tools/generate-proto-c.sh; do
  folder=${generated%%:*} generator=${generated#*:}
  record=$folder/PROTO_SOURCES.sha256
  if [ ! -f "$record" ] || [ "$current" != "$(cat "$record")" ]; then
    echo "$folder is stale: proto/ changed since the code was generated." >&2
    echo "Run $generator and commit the result." >&2
    diff <(cat "$record" 2>/dev/null) <(printf '%s\n' "$current") >&2 || true
    stale=1
  fi
done
[ $stale -eq 0 ] && echo "generated protobuf code is up to date with proto/"
exit $stale
