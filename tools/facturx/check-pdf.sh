#!/usr/bin/env bash
# Checks a Factur-X PDF offline with Debian's qpdf and poppler-utils (installed when missing):
#   1. qpdf --check finds no error or warning in the PDF structure;
#   2. pdffonts lists every font as embedded (emb column "yes");
#   3. pdfdetach -list shows an attachment named factur-x.xml; it is extracted to a temporary
#      folder and checked by check-cii.py (XSD, EN 16931 and BR-FR schematrons);
#   4. the catalog's /AF array lists factur-x.xml with an /AFRelationship of Data, Source or
#      Alternative and the MIME type text/xml, the catalog has an output intent, and the XMP
#      metadata carry the Factur-X fields (DocumentFileName factur-x.xml, DocumentType INVOICE,
#      ConformanceLevel EN 16931) and the PDF/A-3 identification (pdfaid:part 3);
#   5. the text that pdftotext -enc UTF-8 extracts contains every line of EXPECTED_TEXT_FILE
#      (one phrase a line, UTF-8; accents must match exactly; runs of spaces, line breaks and
#      no-break spaces count as one space, so a phrase may wrap in the PDF; ligature characters
#      count as their letters).
# Stops at the first failing step with a message; step 5 lists every missing phrase.
# It does not validate PDF/A (that needs veraPDF, which Debian does not package).
#   tools/facturx/check-pdf.sh FILE.pdf [EXPECTED_TEXT_FILE] [--credit-note] [--strict]
# --credit-note and --strict are passed to check-cii.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

pdf="" expected="" cii_flags=()
for arg in "$@"; do
  case "$arg" in
    --credit-note | --strict) cii_flags+=("$arg") ;;
    -*) echo "check-pdf: unknown option $arg" >&2; exit 2 ;;
    *) if [ -z "$pdf" ]; then pdf=$arg; elif [ -z "$expected" ]; then expected=$arg; else
         echo "usage: $0 FILE.pdf [EXPECTED_TEXT_FILE] [--credit-note] [--strict]" >&2; exit 2; fi ;;
  esac
done
[ -n "$pdf" ] || { echo "usage: $0 FILE.pdf [EXPECTED_TEXT_FILE] [--credit-note] [--strict]" >&2; exit 2; }
[ -r "$pdf" ] || { echo "check-pdf: cannot read $pdf" >&2; exit 2; }
[ -z "$expected" ] || [ -r "$expected" ] || { echo "check-pdf: cannot read $expected" >&2; exit 2; }

missing=()
for p in qpdf poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "check-pdf: installing ${missing[*]}" >&2
  apt_log=$(mktemp)
  { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
    >"$apt_log" 2>&1 || { cat "$apt_log" >&2; rm -f "$apt_log"; echo "check-pdf: apt-get install failed" >&2; exit 2; }
  rm -f "$apt_log"
fi
python=$("$here/setup-venv.sh" --print-python)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-pdf: FAIL $pdf: $*" >&2; exit 1; }

# 1. Structure. qpdf exits 2 on errors and 3 on warnings (a damaged file it could repair).
if ! qpdf --check "$pdf" >"$work/qpdf.txt" 2>&1; then
  sed 's/^/  /' "$work/qpdf.txt" >&2
  fail "qpdf --check reports errors or warnings (above)"
fi
echo "check-pdf: 1. qpdf --check: ok"

# 2. Fonts. The last columns of pdffonts are: emb sub uni object-number generation.
pdffonts "$pdf" >"$work/fonts.txt" 2>"$work/fonts.err" || { cat "$work/fonts.err" >&2; fail "pdffonts failed"; }
fonts=$(tail -n +3 "$work/fonts.txt" | grep -c . || true)
not_embedded=$(tail -n +3 "$work/fonts.txt" | awk 'NF >= 7 && $(NF-4) != "yes"' || true)
if [ -n "$not_embedded" ]; then
  head -2 "$work/fonts.txt" | sed 's/^/  /' >&2
  echo "$not_embedded" | sed 's/^/  /' >&2
  fail "fonts not embedded (above): a PDF/A file must embed every font"
fi
echo "check-pdf: 2. pdffonts: $fonts font(s), all embedded"

# 3. The XML attachment, checked by check-cii.py.
pdfdetach -list "$pdf" >"$work/attachments.txt" 2>&1 || { cat "$work/attachments.txt" >&2; fail "pdfdetach -list failed"; }
number=$(sed -n 's/^\([0-9][0-9]*\): factur-x\.xml$/\1/p' "$work/attachments.txt" | head -1)
if [ -z "$number" ]; then
  sed 's/^/  /' "$work/attachments.txt" >&2
  fail "no attachment named factur-x.xml (attachments above)"
fi
pdfdetach -save "$number" -o "$work/factur-x.xml" "$pdf" >/dev/null 2>&1 || fail "pdfdetach could not extract factur-x.xml"
echo "check-pdf: 3. attachment factur-x.xml found (#$number), checking it:"
"$python" "$here/check-cii.py" "$work/factur-x.xml" ${cii_flags[@]+"${cii_flags[@]}"} | sed 's/^/  /' ||
  fail "the attached factur-x.xml is not valid (above)"

# 4. What makes the PDF a Factur-X file besides the attachment (read with pypdf, from the venv).
structure=$("$python" - "$pdf" <<'PY'
import re, sys
from pypdf import PdfReader
catalog = PdfReader(sys.argv[1]).trailer["/Root"]
problems = []
specs = [spec.get_object() for spec in (catalog.get("/AF") or [])]
spec = next((s for s in specs if "factur-x.xml" in (s.get("/UF"), s.get("/F"))), None)
if spec is None:
    problems.append("the catalog's /AF array does not list the factur-x.xml file specification")
else:
    if spec.get("/AFRelationship") not in ("/Data", "/Source", "/Alternative"):
        problems.append(f"/AFRelationship of factur-x.xml is {spec.get('/AFRelationship')}, expected /Data, /Source or /Alternative")
    stream = spec.get("/EF", {}).get("/F")
    if stream is None or stream.get_object().get("/Subtype") != "/text/xml":
        problems.append("the embedded factur-x.xml stream has no /Subtype /text/xml")
if "/OutputIntents" not in catalog:
    problems.append("no /OutputIntents in the catalog (PDF/A needs an output intent ICC profile)")
xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8", "replace") if "/Metadata" in catalog else ""
def value(name):
    m = re.search(rf"<(?:\w+:)?{name}>\s*([^<]*?)\s*</(?:\w+:)?{name}>|\b(?:\w+:)?{name}=\"([^\"]*)\"", xmp)
    return (m.group(1) or m.group(2) or "").strip() if m else None
for name, wanted in (("DocumentFileName", "factur-x.xml"), ("DocumentType", "INVOICE"),
                     ("ConformanceLevel", "EN 16931"), ("part", "3")):
    if value(name) != wanted:
        problems.append(f"XMP {name} is {value(name)!r}, expected {wanted!r}")
print("FAIL " + "; ".join(problems) if problems else f"ok {spec.get('/AFRelationship')}")
PY
) || structure="FAIL pypdf could not read the PDF structure (error above)"
[ "${structure%% *}" = ok ] || fail "${structure#FAIL }"
echo "check-pdf: 4. Factur-X structure: /AF lists factur-x.xml (AFRelationship ${structure#ok }, text/xml)," \
  "output intent, XMP fx: EN 16931 and pdfaid:part 3"

# 5. Visible text.
if [ -n "$expected" ]; then
  pdftotext -enc UTF-8 "$pdf" "$work/text.txt" 2>"$work/text.err" || { cat "$work/text.err" >&2; fail "pdftotext failed"; }
  "$python" - "$work/text.txt" "$expected" <<'PY' || fail "phrases missing from the PDF text (above)"
import re, sys, unicodedata
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
def normal(text):
    text = unicodedata.normalize("NFC", text)
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return re.sub(r"[\s\u00a0\u202f\u2007]+", " ", text).strip()
text = normal(open(sys.argv[1], encoding="utf-8").read())
phrases = [normal(line) for line in open(sys.argv[2], encoding="utf-8").read().splitlines()]
phrases = [p for p in phrases if p]
missing = [p for p in phrases if p not in text]
for phrase in missing:
    print(f"  missing: {phrase}", file=sys.stderr)
print(f"check-pdf: 5. text: {len(phrases) - len(missing)} of {len(phrases)} expected phrase(s) found")
sys.exit(1 if missing else 0)
PY
else
  echo "check-pdf: 5. text: no EXPECTED_TEXT_FILE given, not checked"
fi
echo "check-pdf: OK $pdf"
