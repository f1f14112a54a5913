import MyOpenIPDomain

/// The rows of figures under a graph's time labels: one per direction ("Entrant — actuel … ·
/// moyenne … · pic …"), and what a point stands for ("moyennes sur 5 min"), at the end of the
/// last row when it fits there, on a row of its own otherwise.
struct GraphFigures {
    let inbound: TrafficFigures?
    let outbound: TrafficFigures?
    let resolution: String
    /// How many rows it takes (1 to 3).
    let rows: Int
    private let resolutionOnItsOwnRow: Bool

    static let swatchWidth = 18.0

    /// The figures of `series`, to fit between `plotLeft` and `plotRight`.
    init(_ series: TrafficSeries, plotLeft: Double, plotRight: Double) {
        inbound = TrafficFigures(series, inbound: true)
        outbound = TrafficFigures(series, inbound: false)
        resolution = TrafficFigures.resolution(series.tier)
        let size = GraphLayout.figuresFontSize
        if let outbound {
            let lastRow = TextMetrics.width(Self.outboundText(outbound), fontSize: size) + Self.swatchWidth
            let resolutionWidth = TextMetrics.width(resolution, fontSize: size)
            resolutionOnItsOwnRow = plotLeft + lastRow + 24 + resolutionWidth > plotRight
            rows = resolutionOnItsOwnRow ? 3 : 2
        } else {
            resolutionOnItsOwnRow = false
            rows = 1
        }
    }

    static func inboundText(_ figures: TrafficFigures) -> String { "Entrant — \(figures.text)" }
    static func outboundText(_ figures: TrafficFigures) -> String { "Sortant — \(figures.text)" }

    /// Appends the rows under the plot of `layout`.
    func draw(_ svg: inout SVGBuilder, layout: GraphLayout) {
        let size = GraphLayout.figuresFontSize
        svg.raw("<g id=\"figures\" font-size=\"\(Int(size))\" fill=\"\(TrafficGraphSVG.textColor)\">\n")
        let left = layout.plotLeft
        if let inbound, let outbound {
            let first = layout.rowBaseline(0)
            svg.raw("<rect")
            svg.attribute("x", left)
            svg.attribute("y", first - 9)
            svg.raw(" width=\"12\" height=\"9\" fill=\"\(TrafficGraphSVG.inColor)\" fill-opacity=\"0.35\"")
            svg.raw(" stroke=\"\(TrafficGraphSVG.inColor)\"/>\n")
            text(&svg, Self.inboundText(inbound), x: left + Self.swatchWidth, y: first, id: "figures-in")
            let second = layout.rowBaseline(1)
            svg.raw("<line")
            svg.attribute("x1", left)
            svg.attribute("y1", second - 4)
            svg.attribute("x2", left + 12)
            svg.attribute("y2", second - 4)
            svg.raw(" stroke=\"\(TrafficGraphSVG.outColor)\" stroke-width=\"2\"/>\n")
            text(&svg, Self.outboundText(outbound), x: left + Self.swatchWidth, y: second, id: "figures-out")
        }
        let row = rows - 1
        let y = layout.rowBaseline(row)
        if resolutionOnItsOwnRow {
            text(&svg, resolution, x: left, y: y, id: "resolution")
        } else {
            svg.raw("<text id=\"resolution\"")
            svg.attribute("x", layout.plotRight)
            svg.attribute("y", y)
            svg.raw(" text-anchor=\"end\" fill=\"\(TrafficGraphSVG.labelColor)\">")
            svg.escaped(resolution)
            svg.raw("</text>\n")
        }
        svg.raw("</g>\n")
    }

    private func text(_ svg: inout SVGBuilder, _ content: String, x: Double, y: Double, id: String) {
        svg.raw("<text id=\"\(id)\"")
        svg.attribute("x", x)
        svg.attribute("y", y)
        svg.raw(">")
        svg.escaped(content)
        svg.raw("</text>\n")
    }
}
