#!/usr/bin/env bash
# Tests the Factur-X checking tools themselves: the samples pass check-cii.py; broken variants of
# them fail with the rules expected; Factur-X PDFs built from the samples (make-sample-pdf.py,
# Ghostscript, installed when missing) pass check-pdf.sh, and damaged PDFs fail it.
# Ends with the line "N passed, N failed"; exits non-zero when a case failed.
#   tools/facturx/self-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tools=tools/facturx
samples=$tools/samples
python=$("$tools/setup-venv.sh" --print-python)
if ! dpkg-query -W -f='${Status}' ghostscript 2>/dev/null | grep -q "install ok installed"; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "self-test: installing ghostscript" >&2
  $sudo apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ghostscript >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
# check NAME EXPECTED_STATUS [TEXT...] -- COMMAND...: the command exits with EXPECTED_STATUS and
# its output contains every TEXT.
check() {
  local name=$1 want=$2 status=0 texts=() missing=()
  shift 2
  while [ "$1" != "--" ]; do texts+=("$1"); shift; done
  shift
  "$@" >"$work/out" 2>&1 || status=$?
  for text in ${texts[@]+"${texts[@]}"}; do grep -qF -- "$text" "$work/out" || missing+=("$text"); done
  if [ "$status" -eq "$want" ] && [ ${#missing[@]} -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name (exit $status, expected $want${missing[*]+; missing: ${missing[*]}})"
    sed 's/^/    /' "$work/out"
  fi
}
cii() { "$python" "$tools/check-cii.py" "$@"; }

# Variants of the samples, each with one mistake.
"$python" - "$samples" "$work" <<'PY'
import re, sys
from pathlib import Path
samples, work = Path(sys.argv[1]), Path(sys.argv[2])
invoice = (samples / "invoice.xml").read_text(encoding="utf-8")
credit_note = (samples / "credit-note.xml").read_text(encoding="utf-8")
def variant(name, source, old, new):
    assert old in source, (name, old)
    (work / f"{name}.xml").write_text(source.replace(old, new, 1), encoding="utf-8")
variant("totals", invoice, "<ram:GrandTotalAmount>554.40<", "<ram:GrandTotalAmount>554.00<")
variant("no-siren", invoice, re.search(r"\s*<ram:SpecifiedLegalOrganization>.*?</ram:SpecifiedLegalOrganization>",
                                       invoice, re.S).group(0), "")
variant("line-amount", invoice, '<ram:BilledQuantity unitCode="C62">8<', '<ram:BilledQuantity unitCode="C62">9<')
variant("iso-date", invoice, 'format="102">20261130<', 'format="102">2026-11-30<')
variant("no-bt23", invoice, re.search(r"\s*<ram:BusinessProcessSpecifiedDocumentContextParameter>.*?"
                                      r"</ram:BusinessProcessSpecifiedDocumentContextParameter>", invoice, re.S).group(0), "")
variant("no-note-codes", invoice, "<ram:SubjectCode>PMD</ram:SubjectCode>", "")
variant("element-order", invoice, "<ram:Name>MyOpenIP Télécom SAS</ram:Name>",
        "<ram:Name>MyOpenIP Télécom SAS</ram:Name><ram:ID>X</ram:ID>")
variant("empty-delivery", invoice, re.search(r"<ram:ApplicableHeaderTradeDelivery>.*?</ram:ApplicableHeaderTradeDelivery>",
                                             invoice, re.S).group(0), "<ram:ApplicableHeaderTradeDelivery/>")
variant("no-terms", invoice, re.search(r"\s*<ram:SpecifiedTradePaymentTerms>.*?</ram:SpecifiedTradePaymentTerms>",
                                       invoice, re.S).group(0), "")
variant("no-reference", credit_note, re.search(r"\s*<ram:InvoiceReferencedDocument>.*?</ram:InvoiceReferencedDocument>",
                                               credit_note, re.S).group(0), "")
PY

check "invoice sample passes" 0 "check-cii: OK" -- cii "$samples/invoice.xml"
check "credit note sample passes" 0 "check-cii: OK" -- cii "$samples/credit-note.xml" --credit-note
check "invoice sample passes --strict" 0 "0 warning(s)" -- cii "$samples/invoice.xml" --strict
check "totals that do not add up" 1 "[BR-CO-15]" "[BR-CO-16]" -- cii "$work/totals.xml"
check "no seller SIREN" 1 "[BR-FR-10_BT-30]" -- cii "$work/no-siren.xml"
check "line net amount is a warning" 0 "WARNING [LINE-NET-AMOUNT]" "check-cii: OK" -- cii "$work/line-amount.xml"
check "line net amount fails --strict" 1 "[LINE-NET-AMOUNT]" -- cii "$work/line-amount.xml" --strict
check "no due date nor payment terms" 1 "[BR-CO-25]" -- cii "$work/no-terms.xml"
check "ISO date instead of format 102" 1 "[BR-FR-03_BT-2]" -- cii "$work/iso-date.xml"
check "no billing framework BT-23" 1 "[BR-FR-08_BT-23]" -- cii "$work/no-bt23.xml"
check "no PMD note" 1 "[BR-FR-05_BT-22_PMD]" -- cii "$work/no-note-codes.xml"
check "element out of XSD order" 1 "[XSD]" -- cii "$work/element-order.xml"
check "empty element is a warning" 0 "[PEPPOL-EN16931-R008]" "check-cii: OK" -- cii "$work/empty-delivery.xml"
check "empty element fails --strict" 1 "[PEPPOL-EN16931-R008]" -- cii "$work/empty-delivery.xml" --strict
check "credit note without the invoice it corrects" 1 "[BR-FR-CO-05_BT-3]" "[KIND-PRECEDING-INVOICE]" -- \
  cii "$work/no-reference.xml" --credit-note
check "invoice given as a credit note" 1 "[KIND-CREDIT-NOTE]" -- cii "$samples/invoice.xml" --credit-note
check "credit note checked without --credit-note" 0 "TypeCode 381 (credit note)" -- cii "$samples/credit-note.xml"
printf '<a><b></a>\n' >"$work/not-xml.xml"
check "not well-formed XML" 1 "not well-formed" -- cii "$work/not-xml.xml"

"$python" "$tools/make-sample-pdf.py" "$samples/invoice.xml" "$work/invoice.pdf"
"$python" "$tools/make-sample-pdf.py" "$samples/credit-note.xml" "$work/credit-note.pdf"
"$python" "$tools/make-sample-pdf.py" "$work/totals.xml" "$work/totals.pdf"
check "invoice PDF passes" 0 "check-pdf: OK" "12 of 12" -- \
  "$tools/check-pdf.sh" "$work/invoice.pdf" "$samples/invoice-expected.txt"
check "credit note PDF passes" 0 "check-pdf: OK" -- \
  "$tools/check-pdf.sh" "$work/credit-note.pdf" "$samples/credit-note-expected.txt" --credit-note
printf 'Echeance : 30/12/2026\nTotal TTC : 554.40 €\nMyOpenIP Télécom SAS\n' >"$work/wrong.txt"
check "missing phrases are all listed" 1 "missing: Echeance" "missing: Total TTC : 554.40" "1 of 3" -- \
  "$tools/check-pdf.sh" "$work/invoice.pdf" "$work/wrong.txt"
check "PDF with an invalid factur-x.xml" 1 "[BR-CO-15]" "factur-x.xml is not valid" -- \
  "$tools/check-pdf.sh" "$work/totals.pdf"
head -c 4000 "$work/invoice.pdf" >"$work/truncated.pdf"
check "truncated PDF" 1 "qpdf --check" -- "$tools/check-pdf.sh" "$work/truncated.pdf"
# qpdf and pdfattach are there: check-pdf.sh installed qpdf and poppler-utils above.
qpdf --empty --pages "$work/invoice.pdf" -- "$work/bare.pdf" # the same page, no attachment, no XMP
cp "$samples/invoice.xml" "$work/factur-x.xml"
check "PDF without factur-x.xml" 1 "no attachment named factur-x.xml" -- "$tools/check-pdf.sh" "$work/bare.pdf"
pdfattach "$work/bare.pdf" "$work/factur-x.xml" "$work/attached.pdf"
check "attachment without the Factur-X structure" 1 "/AF array" "XMP ConformanceLevel" -- \
  "$tools/check-pdf.sh" "$work/attached.pdf"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
