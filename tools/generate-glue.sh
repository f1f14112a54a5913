#!/usr/bin/env bash
# Regenerates the project's own glue from proto/ with tools/protogen (myopenip-protogen):
#   Sources/MyOpenIPServer/Generated/   per service: method contracts (access rule, idempotent
#                                       write), the …ServiceProtocol a service implements, and
#                                       its generated registration on the router
#   Sources/MyOpenIPClient/Generated/   per service: the typed Swift client
#   Sources/CMyOpenIPClient/            include/myopenip_services.h and services.c: typed C
#                                       wrappers of every unary method
# A method without an access option fails generation (deny by default).
#   tools/generate-glue.sh          write the files
#   tools/generate-glue.sh --check  write nothing; exit 1 when a committed file is stale
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}

tools/install-deps.sh
command -v protoc >/dev/null || { echo "protoc is missing (apt-get install protobuf-compiler)" >&2; exit 1; }
swift build --product myopenip-protogen >/dev/null
generator="$(swift build --show-bin-path)/myopenip-protogen"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t protos < <(cd proto && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
protoc -I proto --include_imports --include_source_info --descriptor_set_out="$work/contract.pb" "${protos[@]}"
files=$(IFS=,; echo "${protos[*]}")
"$generator" --descriptor-set "$work/contract.pb" --files "$files" \
  --server Sources/MyOpenIPServer/Generated --client Sources/MyOpenIPClient/Generated \
  --c-header Sources/CMyOpenIPClient/include/myopenip_services.h --c-source Sources/CMyOpenIPClient/services.c \
  ${mode:+"$mode"} || {
  [ "$mode" = "--check" ] && echo "the generated glue is stale: run tools/generate-glue.sh and commit the result" >&2
  exit 1
}
[ "$mode" = "--check" ] && echo "generated glue is up to date with proto/"
exit 0
