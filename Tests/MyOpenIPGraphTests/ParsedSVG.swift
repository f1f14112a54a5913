import Foundation
import MyOpenIPDomain

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document read back with XMLParser: its elements in document order, each with its
/// attributes, its text, and the ids of the elements around it.
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        /// The ids of the enclosing elements, outermost first.
        var ancestorIDs: [String]
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    /// The parsed document, nil when `svg` is not well-formed XML.
    static func parse(_ svg: String) -> ParsedSVG? {
        let document = ParsedSVG()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        return parser.parse() ? document : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let ancestors = open.compactMap { elements[$0].attributes["id"] }
        elements.append(Element(name: elementName, attributes: attributes, ancestorIDs: ancestors))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }

    /// The element with `id`, if any.
    func element(id: String) -> Element? {
        elements.first { $0.attributes["id"] == id }
    }

    /// The text of the `text` elements inside the element with `id`.
    func texts(inside id: String) -> [String] {
        elements.filter { $0.name == "text" && $0.ancestorIDs.contains(id) }.map(\.text)
    }

    /// The `text` elements of the time axis.
    var timeLabels: [Element] {
        elements.filter { $0.name == "text" && $0.ancestorIDs.contains("time-axis") }
    }
}

/// Series to draw, built the way the store builds them.
enum Fixture {
    /// `count` buckets of `tier` from `from`, with the rates `rates(index)` (in and out, one sample
    /// per bucket), leaving out the indexes in `missing`.
    static func series(
        from: Int64, count: Int, tier: TrafficTier = .fiveMinutes, missing: Set<Int> = [],
        to: Int64? = nil, rates: (Int) -> (Int64, Int64)
    ) -> TrafficSeries {
        var points: [TrafficAggregate] = []
        for index in 0..<count where !missing.contains(index) {
            let (inRate, outRate) = rates(index)
            points.append(
                TrafficAggregate(
                    start: from + Int64(index) * tier.seconds, samples: 1, inSum: inRate, inMinimum: inRate,
                    inMaximum: inRate, outSum: outRate, outMinimum: outRate, outMaximum: outRate))
        }
        return TrafficSeries(from: from, to: to ?? from + Int64(count) * tier.seconds, tier: tier, points: points)
    }

    /// A month (30 days) of 30-minute buckets, 1,440 points, with a daily rhythm.
    static func month(from: Int64 = 1_796_079_600) -> TrafficSeries {
        series(from: from, count: 1_440, tier: .thirtyMinutes) { index in
            let hour = Int64(index % 48) / 2
            let inRate = 20_000_000 + 60_000_000 * (12 - abs(hour - 12)) / 12 + Int64(index % 7) * 1_000_000
            return (inRate, inRate / 3 + Int64(index % 5) * 500_000)
        }
    }
}
