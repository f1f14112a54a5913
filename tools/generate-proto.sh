#!/usr/bin/env bash
# Regenerates Sources/MyOpenIPProto from proto/ with protoc and protoc-gen-swift.
# protoc-gen-swift is built from the swift-protobuf version the package uses, in
# .build-protoc-gen-swift (a one-time build of a few minutes). Never run on CI's normal path;
# tools/check-proto.sh tells CI whether the committed code is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/tools/install-deps.sh"
command -v protoc >/dev/null || { echo "protoc is missing (apt-get install protobuf-compiler)" >&2; exit 1; }

version=$(sed -n 's|.*swift-protobuf.git", from: "\([0-9.]*\)".*|\1|p' Package.swift)
plugin_dir="$root/.build-protoc-gen-swift"
plugin="$plugin_dir/src/.build/release/protoc-gen-swift"
if [ ! -x "$plugin" ] || [ "$(cat "$plugin_dir/version" 2>/dev/null)" != "$version" ]; then
  echo "building protoc-gen-swift $version (takes a few minutes)..." >&2
  rm -rf "$plugin_dir" && mkdir -p "$plugin_dir"
  git clone -q https://github.com/apple/swift-protobuf.git "$plugin_dir/src"
  git -C "$plugin_dir/src" -c advice.detachedHead=false checkout -q "$version"
  (cd "$plugin_dir/src" && swift build -c release --product protoc-gen-swift >&2)
  echo "$version" > "$plugin_dir/version"
fi

out="$root/Sources/MyOpenIPProto"
find "$out" -name '*.pb.swift' -delete
mapfile -t protos < <(cd proto && find . -name '*.proto' | sed 's|^\./||' | sort)
protoc --plugin=protoc-gen-swift="$plugin" -I proto \
  --swift_out="$out" --swift_opt=Visibility=Public --swift_opt=FileNaming=PathToUnderscores \
  "${protos[@]}"
"$root/tools/check-proto.sh" --record "$out"
echo "generated $(ls "$out"/*.pb.swift | wc -l) files in Sources/MyOpenIPProto" >&2
