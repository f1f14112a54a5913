#!/usr/bin/env bash
# Fuzzes what reads untrusted bytes and text: the ttrpc frame decoder, the request envelope and
# its metadata, the domain's parsers (email, phone, IBAN, BIC, SIREN, references, logins, dates,
# password rules) and forms (site, contact, company, right, account, an offering and its order
# form), with libFuzzer and AddressSanitizer.
#
#   tools/fuzz.sh [SECONDS] [libFuzzer options...]     (default: 60 seconds)
#
# Builds in its own folder (.build-fuzz), grows a working corpus there from tools/fuzz/corpus, and
# writes any crashing input to .build-fuzz/crashes/. Keep a crash as a regression seed by copying
# it into tools/fuzz/corpus/: the test suite replays that folder (`myopenip-fuzz FOLDER`).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
seconds=${1:-60}
shift || true
swift build -c release --product myopenip-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
mkdir -p .build-fuzz/corpus .build-fuzz/crashes
SWIFT_BACKTRACE=enable=no exec .build-fuzz/release/myopenip-fuzz .build-fuzz/corpus tools/fuzz/corpus \
    -max_total_time="$seconds" -max_len=4096 -artifact_prefix=.build-fuzz/crashes/ "$@"
