#!/usr/bin/env bash
# Regenerates Sources/CMyOpenIPProto, the protobuf-c code of proto/ for C clients, with protoc-c
# (Debian's protobuf-c-compiler). Headers go to include/, sources to src/; the generated code
# links against the system libprotobuf-c. The well-known types it imports come from protoc's
# own include folder: google/protobuf/any.proto (by google/rpc/status.proto),
# google/protobuf/descriptor.proto (by myopenip/v1/options.proto),
# google/protobuf/field_mask.proto (by partial updates) and google/protobuf/timestamp.proto (by
# the messages with instants).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/tools/install-deps.sh"
command -v protoc-c >/dev/null || { echo "protoc-c is missing (apt-get install protobuf-c-compiler)" >&2; exit 1; }
wellknown=/usr/include
[ -f "$wellknown/google/protobuf/any.proto" ] || { echo "google/protobuf/any.proto not found in $wellknown" >&2; exit 1; }

out="$root/Sources/CMyOpenIPProto"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t protos < <(cd proto && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
protoc-c -I proto -I "$wellknown" --c_out="$work" "${protos[@]}" \
  google/protobuf/any.proto google/protobuf/descriptor.proto google/protobuf/field_mask.proto \
  google/protobuf/timestamp.proto

rm -rf "$out/include" "$out/src"
(cd "$work" && find . -name '*.pb-c.h' | while read -r header; do
  mkdir -p "$out/include/$(dirname "$header")" && cp "$header" "$out/include/$header"
done)
(cd "$work" && find . -name '*.pb-c.c' | while read -r source; do
  mkdir -p "$out/src/$(dirname "$source")" && cp "$source" "$out/src/$source"
done)
"$root/tools/check-proto.sh" --record "$out"
echo "generated $(find "$out/src" -name '*.pb-c.c' | wc -l) C files in Sources/CMyOpenIPProto" >&2
