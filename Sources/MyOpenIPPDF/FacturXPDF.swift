import Crypto
import Foundation

/// A PDF/A-3 (level B) file carrying its Factur-X XML: the pages as drawn, the fonts embedded
/// (subsets), an sRGB output intent, XMP metadata claiming PDF/A-3B and the Factur-X EN 16931
/// conformance level, and `factur-x.xml` attached to the document (catalog `/AF`, relationship
/// `/Data`) and listed among its embedded files.
struct FacturXPDF {
    var title: String
    var author: String
    /// The instant the document was made: its metadata dates, so that the same document always
    /// gives the same bytes.
    var created: Date
    var xml: String
    /// "INVOICE" (the Factur-X document type of invoices and credit notes alike).
    var documentType = "INVOICE"

    func file(pages: [PDFPage], fonts: [(PDFFont, String)]) -> [UInt8] {
        var pdf = PDFWriter()
        let catalog = pdf.reserve()
        let pagesReference = pdf.reserve()
        var fontEntries: [String] = []
        for (font, tag) in fonts {
            let reference = font.write(into: &pdf, tag: tag)
            fontEntries.append("/\(font.name) \(reference.text)")
        }
        let resources = "<< /Font << \(fontEntries.joined(separator: " ")) >> /ProcSet [/PDF /Text] >>"
        var kids: [String] = []
        for page in pages {
            let contents = pdf.addStream(dictionary: "", data: Array(page.content.utf8))
            let reference = pdf.add(
                """
                << /Type /Page /Parent \(pagesReference.text) /MediaBox [0 0 \(PDFPage.width) \(PDFPage.height)] \
                /Resources \(resources) /Contents \(contents.text) >>
                """)
            kids.append(reference.text)
        }
        pdf.set(pagesReference, "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(pages.count) >>")

        let date = Self.pdfDate(created)
        let data = Array(xml.utf8)
        let embedded = pdf.addStream(
            dictionary:
                "/Type /EmbeddedFile /Subtype /text#2Fxml /Params << /Size \(data.count) /ModDate (\(date)) /CheckSum <\(PDFWriter.hex(Array(Insecure.MD5.hash(data: data))))> >>",
            data: data)
        let specification = pdf.add(
            """
            << /Type /Filespec /F (factur-x.xml) /UF \(PDFWriter.textString("factur-x.xml")) \
            /Desc \(PDFWriter.textString("Factur-X")) /AFRelationship /Data \
            /EF << /F \(embedded.text) /UF \(embedded.text) >> >>
            """)
        let profile = pdf.addStream(dictionary: "/N 3", data: ICCProfile.sRGB)
        let intent = pdf.add(
            """
            << /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) \
            /Info (sRGB IEC61966-2.1) /DestOutputProfile \(profile.text) >>
            """)
        let metadata = pdf.addStream(
            dictionary: "/Type /Metadata /Subtype /XML", data: Array(xmp(date: Self.xmpDate(created)).utf8),
            compress: false)
        pdf.set(
            catalog,
            """
            << /Type /Catalog /Pages \(pagesReference.text) /Metadata \(metadata.text) /Lang (fr-FR) \
            /OutputIntents [\(intent.text)] /AF [\(specification.text)] \
            /Names << /EmbeddedFiles << /Names [(factur-x.xml) \(specification.text)] >> >> \
            /ViewerPreferences << /DisplayDocTitle true >> >>
            """)
        let id = PDFWriter.hex(Array(Insecure.MD5.hash(data: Array((title + date).utf8) + data)))
        return pdf.file(root: catalog, id: id)
    }

    func xmp(date: String) -> String {
        """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
        <pdfaid:part>3</pdfaid:part>
        <pdfaid:conformance>B</pdfaid:conformance>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(Self.escaped(title))</rdf:li></rdf:Alt></dc:title>
        <dc:creator><rdf:Seq><rdf:li>\(Self.escaped(author))</rdf:li></rdf:Seq></dc:creator>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
        <xmp:CreatorTool>myopenipd</xmp:CreatorTool>
        <xmp:CreateDate>\(date)</xmp:CreateDate>
        <xmp:ModifyDate>\(date)</xmp:ModifyDate>
        <xmp:MetadataDate>\(date)</xmp:MetadataDate>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
        <pdf:Producer>myopenipd</pdf:Producer>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
        <fx:DocumentType>\(documentType)</fx:DocumentType>
        <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
        <fx:Version>1.0</fx:Version>
        <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
        <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property><rdf:Seq>
        \(Self.property("DocumentFileName", "The name of the embedded XML document"))
        \(Self.property("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"))
        \(Self.property("Version", "The actual version of the standard applying to the embedded XML document"))
        \(Self.property("ConformanceLevel", "The conformance level of the embedded XML document"))
        </rdf:Seq></pdfaSchema:property>
        </rdf:li></rdf:Bag></pdfaExtension:schemas>
        </rdf:Description>
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }

    static func property(_ name: String, _ description: String) -> String {
        """
        <rdf:li rdf:parseType="Resource"><pdfaProperty:name>\(name)</pdfaProperty:name>\
        <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>\
        <pdfaProperty:description>\(description)</pdfaProperty:description></rdf:li>
        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func utc(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// `D:20260401120000Z`.
    static func pdfDate(_ date: Date) -> String {
        let c = utc(date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// `2026-04-01T12:00:00Z`.
    static func xmpDate(_ date: Date) -> String {
        let c = utc(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

/// One A4 page: its content stream, drawn with ``PDFCanvas``.
struct PDFPage {
    static let width = 595.28
    static let height = 841.89
    var content: String
}
