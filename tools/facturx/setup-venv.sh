#!/usr/bin/env bash
# Creates the Python virtual environment of the Factur-X checking tools at .build-venv/facturx
# (repository root) with the packages pinned in tools/facturx/requirements.txt, only when it is
# missing, broken or out of date with that file; silent when everything is already there.
# Installs the Debian package python3-venv first when no python3 can create a virtual environment.
#   tools/facturx/setup-venv.sh                  # set up, print nothing
#   tools/facturx/setup-venv.sh --print-python   # also print the venv's python on stdout
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.build-venv/facturx"
requirements="$root/tools/facturx/requirements.txt"
python="$venv/bin/python"
stamp="$venv/.requirements.sha256"

print=0
case "$#:${1:-}" in
  0:) ;;
  1:--print-python) print=1 ;;
  *) echo "usage: $0 [--print-python]" >&2; exit 2 ;;
esac

wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
ready() {
  [ -x "$python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] &&
    "$python" -c 'import facturx, saxonche, lxml' 2>/dev/null
}
finish() { [ "$print" -eq 0 ] || echo "$python"; exit 0; }
ready && finish

mkdir -p "$root/.build-venv"
exec 9>"$root/.build-venv/facturx.lock"
flock 9 # another run may be setting it up right now
ready && finish

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run_quietly() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "setup-venv: failed: $*" >&2; exit 1; }; }

# A base python that can create a venv with pip (Debian's python3 needs python3-venv for
# ensurepip), and is not itself inside a venv (an activated one, say).
can_venv() {
  command -v "$1" >/dev/null &&
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.prefix != sys.base_prefix)' 2>/dev/null
}
base=""
for candidate in /usr/bin/python3 python3; do
  if can_venv "$candidate"; then base=$candidate; break; fi
done
if [ -z "$base" ]; then
  missing=()
  for p in python3 python3-venv; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup-venv: installing ${missing[*]}" >&2
    run_quietly $sudo apt-get update -qq
    run_quietly $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  can_venv /usr/bin/python3 || { echo "setup-venv: /usr/bin/python3 cannot create a virtual environment" >&2; exit 1; }
  base=/usr/bin/python3
fi

echo "setup-venv: creating ${venv#"$root"/} ($("$base" --version 2>&1), $(grep -cE '^[a-z]' "$requirements") pinned packages)" >&2
rm -rf "$venv"
run_quietly "$base" -m venv "$venv"
run_quietly "$python" -m pip install --disable-pip-version-check --no-input --quiet -r "$requirements"
"$python" -c 'import facturx, saxonche, lxml' || { echo "setup-venv: the installed packages do not import" >&2; exit 1; }
echo "$wanted" >"$stamp"
finish
