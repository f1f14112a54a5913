#!/usr/bin/env bash
# Installs the Debian packages MyOpenIP needs, only when one is missing; quiet otherwise.
set -euo pipefail
packages=(libsqlite3-dev libprotobuf-c-dev protobuf-c-compiler protobuf-compiler zlib1g-dev librsvg2-dev libxml2-utils fonts-dejavu-core python3-protobuf python3-aiosmtpd python3-venv openssl valgrind tzdata qpdf poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
