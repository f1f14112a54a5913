#!/usr/bin/env bash
# Builds tools/c-example, a C program calling myopenipd through the C client library, the way a C
# microservice would: plain cc, the library's and the generated code's sources, the system
# libprotobuf-c. Prints the program's path (.build-c/myopenip-c-example).
#   tools/build-c-example.sh [extra cc flags, e.g. -fsanitize=address]
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cc=${CC:-cc}
out=.build-c
mkdir -p "$out"
mapfile -t sources < <(find Sources/CMyOpenIPClient Sources/CMyOpenIPProto/src -name '*.c' | LC_ALL=C sort)
"$cc" -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Wno-unused-parameter "$@" \
  -I Sources/CMyOpenIPClient/include -I Sources/CMyOpenIPProto/include \
  tools/c-example/myopenip_example.c "${sources[@]}" \
  -lprotobuf-c -lpthread -o "$out/myopenip-c-example"
echo "$PWD/$out/myopenip-c-example"
