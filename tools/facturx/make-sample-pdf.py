#!/usr/bin/env python3
"""Builds a Factur-X PDF from a CII XML, to exercise check-pdf.sh end to end.

    make-sample-pdf.py INVOICE.xml OUT.pdf

Renders a plain one-page summary of the XML (number, dates, parties, lines, totals, notes) as
PostScript, turns it into PDF/A-3b with Ghostscript (fonts embedded, sRGB output intent), then
attaches the XML as factur-x.xml with the Factur-X XMP metadata using the factur-x library's
generate_from_file. Needs Debian's ghostscript; run with the venv's python.
This stands in for the real PDF of the portal: it is only a test fixture.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import facturx
from lxml import etree

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
KINDS = {"380": "Facture", "381": "Avoir", "384": "Facture rectificative", "386": "Facture d'acompte"}


def text(node, xpath):
    return " ".join(node.xpath(f"string({xpath})", namespaces=NS).split())


def french_date(yyyymmdd):
    return f"{yyyymmdd[6:8]}/{yyyymmdd[4:6]}/{yyyymmdd[0:4]}" if len(yyyymmdd) == 8 else yyyymmdd


def euros(value):
    whole, _, cents = f"{float(value):.2f}".partition(".")
    return f"{int(whole):,}".replace(",", "\u202f") + f",{cents} \u20ac"


def summary_lines(root):
    header = "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument"
    agreement = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
    settlement = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
    totals = f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    kind = KINDS.get(text(root, f"{header}/ram:TypeCode"), "Document")
    out = [("title", f"{kind} n\u00b0 {text(root, f'{header}/ram:ID')}"),
           ("body", f"Date : {french_date(text(root, f'{header}/ram:IssueDateTime/udt:DateTimeString'))}")]
    due = text(root, f"{settlement}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
    if due:
        out.append(("body", f"\u00c9ch\u00e9ance : {french_date(due)}"))
    reference = text(root, f"{settlement}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID")
    if reference:
        out.append(("body", f"Facture d'origine : {reference}"))
    for role, party in (("Vendeur", "ram:SellerTradeParty"), ("Acheteur", "ram:BuyerTradeParty")):
        base = f"{agreement}/{party}"
        out += [("gap", ""), ("bold", f"{role} : {text(root, f'{base}/ram:Name')}"),
                ("body", f"{text(root, f'{base}/ram:PostalTradeAddress/ram:LineOne')}, "
                         f"{text(root, f'{base}/ram:PostalTradeAddress/ram:PostcodeCode')} "
                         f"{text(root, f'{base}/ram:PostalTradeAddress/ram:CityName')}"),
                ("body", f"SIREN {text(root, f'{base}/ram:SpecifiedLegalOrganization/ram:ID')}"
                         f" \u2013 TVA {text(root, f'{base}/ram:SpecifiedTaxRegistration/ram:ID')}")]
    out += [("gap", ""), ("bold", "D\u00e9signation")]
    for line in root.xpath("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem", namespaces=NS):
        out.append(("body", f"{text(line, 'ram:SpecifiedTradeProduct/ram:Name')} : "
                            f"{text(line, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity')} \u00d7 "
                            f"{euros(text(line, 'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount'))} = "
                            f"{euros(text(line, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount'))} HT"))
    out += [("gap", ""),
            ("body", f"Total HT : {euros(text(root, f'{totals}/ram:TaxBasisTotalAmount'))}"),
            ("body", f"TVA {text(root, f'{settlement}/ram:ApplicableTradeTax/ram:RateApplicablePercent')} % : "
                     f"{euros(text(root, f'{totals}/ram:TaxTotalAmount'))}"),
            ("bold", f"Total TTC : {euros(text(root, f'{totals}/ram:GrandTotalAmount'))}"),
            ("gap", "")]
    for note in root.xpath(f"{header}/ram:IncludedNote/ram:Content", namespaces=NS):
        out.append(("small", " ".join(note.text.split())))
    return out


def ps_string(value):
    """A PostScript string in the fonts' encoding: Latin-1 with the euro sign at \\200."""
    value = value.replace("\u202f", " ").replace("\u2013", "-")
    data = value.replace("\u20ac", "\x80").encode("latin-1")
    return "(" + "".join(chr(b) if 32 <= b < 127 and chr(b) not in "()\\" else f"\\{b:03o}" for b in data) + ")"


def postscript(lines):
    fonts = {"title": ("FB", 16, 24), "bold": ("FB", 10, 14), "body": ("FR", 10, 14), "small": ("FR", 8, 11), "gap": (None, 0, 8)}
    out = ["%!PS-Adobe-3.0", "%%BoundingBox: 0 0 595 842",
           "/reencode { findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall",
           # ISOLatin1Encoding has /minus at 45 and /quoteright at 39: text extraction would give U+2212, U+2019
           "  /Encoding ISOLatin1Encoding 256 array copy dup 128 /Euro put dup 45 /hyphen put dup 39 /quotesingle put def",
           "  currentdict end definefont pop } def",
           "/FR /NimbusSans-Regular reencode /FB /NimbusSans-Bold reencode",
           "<< /PageSize [595 842] >> setpagedevice 0 0 0 setrgbcolor"]
    y = 800
    for style, value in lines:
        font, size, advance = fonts[style]
        if font:
            out.append(f"/{font} findfont {size} scalefont setfont 50 {y} moveto {ps_string(value)} show")
        y -= advance
    out += ["showpage", "%%EOF"]
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    xml_path, pdf_path = Path(sys.argv[1]), Path(sys.argv[2])
    root = etree.parse(str(xml_path)).getroot()
    gs_lib = sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/srgb.icc"))
    if not gs_lib:
        sys.exit("make-sample-pdf: Ghostscript's srgb.icc not found: apt-get install ghostscript")
    icc = gs_lib[-1]
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        (work / "page.ps").write_text(postscript(summary_lines(root)), encoding="latin-1")
        pdfa_def = Path(icc.parent.parent / "lib" / "PDFA_def.ps").read_text(encoding="latin-1")
        pdfa_def = pdfa_def.replace("/ICCProfile (srgb.icc)", f"/ICCProfile ({icc})").replace("(Title)", "(Sample invoice)")
        (work / "PDFA_def.ps").write_text(pdfa_def, encoding="latin-1")
        subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", f"--permit-file-read={icc}",
                        "-dPDFA=3", "-dPDFACompatibilityPolicy=1", "-sColorConversionStrategy=RGB",
                        "-sDEVICE=pdfwrite", f"-sOutputFile={work / 'page.pdf'}",
                        str(work / "PDFA_def.ps"), str(work / "page.ps")], check=True)
        facturx.generate_from_file(str(work / "page.pdf"), xml_path.read_bytes(), flavor="factur-x", level="en16931",
                                   check_xsd=True, lang="fr-FR", output_pdf_file=str(pdf_path))


if __name__ == "__main__":
    main()
