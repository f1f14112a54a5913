#!/usr/bin/env bash
# Checks the C client library for leaks, memory errors and data races: builds the daemon and
# tools/c-example, starts a daemon on a temporary folder, creates an account, then runs the
# example over the Unix socket and TCP under valgrind's memcheck (every leak kind is an error)
# and helgrind (threads sharing one connection), plus the refused-login and unreachable-daemon
# paths. Exits non-zero on the first finding.
#   tools/check-c-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
swift build --product myopenipd >/dev/null
swift build --product myopenipctl >/dev/null
bin=$(swift build --show-bin-path)
example=$(tools/build-c-example.sh)

work=$(mktemp -d)
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
MYOPENIP_SCRYPT_LOG_ROUNDS=12 "$bin/myopenipd" --data-dir "$work" --socket "$work/daemon.sock" \
  --listen 127.0.0.1:0 --ready-file "$work/ready" --log-level warning 2>"$work/daemon.log" &
daemon=$!
for _ in $(seq 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
[ -s "$work/ready" ] || { echo "the daemon did not start:" >&2; cat "$work/daemon.log" >&2; exit 1; }
tcp=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tcp"])' "$work/ready")

ctl() { MYOPENIP_SOCKET="$work/daemon.sock" "$bin/myopenipctl" "$@"; }
login=$(ctl account create --kind operator-staff --name "C client check" --email c-check@example.fr --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["login"])')
link=$(ctl mail list --account "$login" --json |
  python3 -c 'import json, re, sys; print(re.search(r"token=(\S+)", json.load(sys.stdin)["mails"][0]["body"]).group(1))')
password='Clichy-92110!'
printf '%s\n%s\n' "$password" "$password" | ctl password set --link-token "$link" --password-stdin >/dev/null

memcheck=(valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=definite,indirect,possible
  --error-exitcode=99)
run() {
  local expected=$1 name=$2
  shift 2
  set +e
  "$@" >"$work/out" 2>&1
  local status=$?
  set -e
  if [ "$status" -ne "$expected" ]; then
    echo "FAILED $name: exit $status, expected $expected" >&2
    cat "$work/out" >&2
    exit 1
  fi
  echo "ok     $name"
}
export MYOPENIP_PASSWORD=$password
run 0 "memcheck over the Unix socket, 4 threads sharing the connection" \
  "${memcheck[@]}" "$example" "$work/daemon.sock" "$login" --threads 4 --calls 50
run 0 "memcheck over TCP, 4 threads sharing the connection" \
  "${memcheck[@]}" "$example" "$tcp" "$login" --threads 4 --calls 50
run 0 "helgrind: no data race between threads sharing a connection" \
  valgrind -q --tool=helgrind --error-exitcode=99 "$example" "$tcp" "$login" --threads 4 --calls 20
MYOPENIP_PASSWORD=wrong run 1 "memcheck on a refused login" "${memcheck[@]}" "$example" "$tcp" "$login"
run 2 "memcheck when the daemon cannot be reached" "${memcheck[@]}" "$example" "$work/missing.sock" "$login"
echo "the C client is clean under valgrind"
