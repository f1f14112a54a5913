import Foundation
import MyOpenIPDomain

/// A link's traffic graph as a standalone SVG 1.1 document, for the portal and for its PNG
/// export: traffic in as a green area and out as a blue line (bucket averages, gaps left open),
/// the window's 95th percentile as a dashed red line, a rate axis with nice steps, a time axis
/// in the portal's time zone, a legend, and the window's figures under the plot. The same input
/// always gives the same bytes.
public enum TrafficGraphSVG {
    static let inColor = "#2e7d32"
    static let outColor = "#1565c0"
    static let percentileColor = "#c62828"
    static let gridColor = "#e6e6e6"
    static let frameColor = "#9e9e9e"
    static let textColor = "#212121"
    static let labelColor = "#555555"
    static let emptyText = "Aucune mesure sur cette période"

    /// The graph of `series` under `title` (user data, escaped), on a `width` × `height` canvas
    /// (brought within 240…10,000 × 160…10,000), times shown in `timeZone`.
    public static func render(
        _ series: TrafficSeries, title: String, width: Int = 800, height: Int = 320, timeZone: TimeZone = .paris
    ) -> String {
        let window = Self.window(series)
        var maximum: Int64 = 0
        for point in series.points {
            maximum = max(maximum, point.inAverage, point.outAverage)
        }
        if let percentile = series.percentile { maximum = max(maximum, percentile.billed) }
        let axis = RateAxis(maximum: maximum)
        let rateLabels = axis.ticks.map { (value: $0, label: axis.label($0)) }
        let rateLabelWidth =
            rateLabels.map { TextMetrics.width($0.label, fontSize: GraphLayout.axisFontSize) }.max() ?? 0

        let edges = GraphLayout.plotEdges(width: width, rateLabelWidth: rateLabelWidth)
        let figures = GraphFigures(series, plotLeft: edges.left, plotRight: edges.right)
        let layout = GraphLayout(
            width: width, height: height, rateLabelWidth: rateLabelWidth, rows: figures.rows, from: window.from,
            to: window.to, top: axis.top)
        let timeAxis = TimeAxis(
            from: window.from, to: window.to, plotWidth: layout.plotWidth, fontSize: GraphLayout.axisFontSize,
            timeZone: timeZone)

        var svg = SVGBuilder(capacity: series.points.count * 48 + 8_192)
        header(&svg, layout: layout, title: title)
        grid(&svg, layout: layout, rateLabels: rateLabels, timeTicks: timeAxis.ticks)
        curves(&svg, series: series, layout: layout)
        if let percentile = series.percentile { percentileLine(&svg, percentile: percentile, layout: layout) }
        if series.points.isEmpty { emptyMessage(&svg, layout: layout) }
        svg.raw("<rect id=\"plot-frame\"")
        svg.attribute("x", GraphLayout.crisp(layout.plotLeft))
        svg.attribute("y", GraphLayout.crisp(layout.plotTop))
        svg.attribute("width", GraphLayout.crisp(layout.plotRight) - GraphLayout.crisp(layout.plotLeft))
        svg.attribute("height", GraphLayout.crisp(layout.plotBottom) - GraphLayout.crisp(layout.plotTop))
        svg.raw(" fill=\"none\" stroke=\"\(frameColor)\" stroke-width=\"1\"/>\n")
        figures.draw(&svg, layout: layout)
        svg.raw("</svg>\n")
        return svg.text
    }

    /// The series' window, brought within years a calendar handles (1970 to 2200) and at least a
    /// second long.
    static func window(_ series: TrafficSeries) -> (from: Int64, to: Int64) {
        let latest: Int64 = 7_258_118_400
        let from = min(max(series.from, 0), latest - 1)
        let to = min(max(series.to, from + 1), latest)
        return (from, to)
    }

    /// The document's start, its background, the title and the legend.
    private static func header(_ svg: inout SVGBuilder, layout: GraphLayout, title: String) {
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        svg.attribute("width", layout.width)
        svg.attribute("height", layout.height)
        svg.raw(" viewBox=\"0 0 ")
        svg.number(layout.width)
        svg.raw(" ")
        svg.number(layout.height)
        svg.raw("\" font-family=\"DejaVu Sans, sans-serif\">\n<title>")
        svg.escaped(title)
        svg.raw("</title>\n<rect")
        svg.attribute("width", layout.width)
        svg.attribute("height", layout.height)
        svg.raw(" fill=\"#ffffff\"/>\n")

        // The legend, right-aligned on the title's row.
        let size = GraphLayout.legendFontSize
        let outWidth = TextMetrics.width("Sortant", fontSize: size)
        let inWidth = TextMetrics.width("Entrant", fontSize: size)
        let outX = layout.width - 16 - outWidth
        let outSwatch = outX - 5 - 16
        let inX = outSwatch - 18 - inWidth
        let inSwatch = inX - 5 - 12
        let baseline = GraphLayout.titleBaseline
        svg.raw("<g id=\"legend\" font-size=\"\(Int(size))\" fill=\"\(textColor)\">\n<rect")
        svg.attribute("x", inSwatch)
        svg.attribute("y", baseline - 10)
        svg.raw(" width=\"12\" height=\"10\" fill=\"\(inColor)\" fill-opacity=\"0.35\" stroke=\"\(inColor)\"/>\n<text")
        svg.attribute("x", inX)
        svg.attribute("y", baseline)
        svg.raw(">Entrant</text>\n<line")
        svg.attribute("x1", outSwatch)
        svg.attribute("y1", baseline - 4.5)
        svg.attribute("x2", outSwatch + 16)
        svg.attribute("y2", baseline - 4.5)
        svg.raw(" stroke=\"\(outColor)\" stroke-width=\"2\"/>\n<text")
        svg.attribute("x", outX)
        svg.attribute("y", baseline)
        svg.raw(">Sortant</text>\n</g>\n")

        let room = inSwatch - GraphLayout.margin - 16
        let shown = TextMetrics.truncated(
            title, fontSize: GraphLayout.titleFontSize, bold: true, maximum: max(room, 0))
        svg.raw("<text id=\"title\"")
        svg.attribute("x", GraphLayout.margin)
        svg.attribute("y", baseline)
        svg.raw(" font-size=\"\(Int(GraphLayout.titleFontSize))\" font-weight=\"bold\" fill=\"\(textColor)\">")
        svg.escaped(shown)
        svg.raw("</text>\n")
    }

    /// The grid lines and the labels of both axes.
    private static func grid(
        _ svg: inout SVGBuilder, layout: GraphLayout, rateLabels: [(value: Int64, label: String)],
        timeTicks: [TimeTick]
    ) {
        svg.raw("<g id=\"grid\" stroke=\"\(gridColor)\" stroke-width=\"1\">\n")
        for tick in rateLabels where tick.value > 0 {
            let y = GraphLayout.crisp(layout.y(tick.value))
            svg.raw("<line")
            svg.attribute("x1", layout.plotLeft)
            svg.attribute("y1", y)
            svg.attribute("x2", layout.plotRight)
            svg.attribute("y2", y)
            svg.raw("/>\n")
        }
        for tick in timeTicks {
            let x = GraphLayout.crisp(layout.x(tick.time))
            svg.raw("<line")
            svg.attribute("x1", x)
            svg.attribute("y1", layout.plotTop)
            svg.attribute("x2", x)
            svg.attribute("y2", layout.plotBottom)
            svg.raw("/>\n")
        }
        svg.raw("</g>\n")

        let size = Int(GraphLayout.axisFontSize)
        svg.raw("<g id=\"rate-axis\" font-size=\"\(size)\" fill=\"\(labelColor)\" text-anchor=\"end\">\n")
        for tick in rateLabels {
            svg.raw("<text")
            svg.attribute("x", layout.plotLeft - 6)
            svg.attribute("y", layout.y(tick.value) + 4)
            svg.raw(">")
            svg.escaped(tick.label)
            svg.raw("</text>\n")
        }
        svg.raw("</g>\n")

        svg.raw("<g id=\"time-axis\" font-size=\"\(size)\" fill=\"\(labelColor)\" text-anchor=\"middle\">\n")
        for tick in timeTicks {
            // Centred on its tick, but moved in rather than cut by the canvas' edge.
            let half = TextMetrics.width(tick.label, fontSize: GraphLayout.axisFontSize) / 2
            let x = min(max(layout.x(tick.time), half + 2), layout.width - half - 2)
            svg.raw("<text")
            svg.attribute("x", x)
            svg.attribute("y", layout.plotBottom + GraphLayout.timeLabelOffset)
            svg.raw(" data-time=\"\(tick.time)\">")
            svg.escaped(tick.label)
            svg.raw("</text>\n")
        }
        svg.raw("</g>\n")
    }

    /// Traffic in as an area, then traffic out as a line over it.
    private static func curves(_ svg: inout SVGBuilder, series: TrafficSeries, layout: GraphLayout) {
        let count = series.points.count
        svg.raw("<path id=\"traffic-in\" data-points=\"\(count)\" fill=\"\(inColor)\" fill-opacity=\"0.35\"")
        svg.raw(" stroke=\"\(inColor)\" stroke-width=\"1\" stroke-linejoin=\"round\" d=\"")
        TrafficPath.appendInboundArea(series, layout: layout, to: &svg)
        svg.raw("\"/>\n")
        svg.raw("<path id=\"traffic-out\" data-points=\"\(count)\" fill=\"none\" stroke=\"\(outColor)\"")
        svg.raw(" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"")
        TrafficPath.appendOutboundLine(series, layout: layout, to: &svg)
        svg.raw("\"/>\n")
    }

    /// The dashed line of the billed 95th percentile, and its label over a light background.
    private static func percentileLine(_ svg: inout SVGBuilder, percentile: TrafficPercentile, layout: GraphLayout) {
        let y = layout.y(percentile.billed)
        svg.raw("<line id=\"percentile-95\"")
        svg.attribute("x1", layout.plotLeft)
        svg.attribute("y1", y)
        svg.attribute("x2", layout.plotRight)
        svg.attribute("y2", y)
        svg.raw(" stroke=\"\(percentileColor)\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n")
        let label = "95e percentile : \(BitRate.text(percentile.billed))"
        let size = GraphLayout.axisFontSize
        let labelWidth = TextMetrics.width(label, fontSize: size)
        // Above the line, or below it when the line runs along the plot's top.
        let baseline = y - layout.plotTop > 18 ? y - 5 : y + 14
        let right = layout.plotRight - 6
        svg.raw("<rect")
        svg.attribute("x", right - labelWidth - 3)
        svg.attribute("y", baseline - size)
        svg.attribute("width", labelWidth + 6)
        svg.attribute("height", size + 4)
        svg.raw(" fill=\"#ffffff\" fill-opacity=\"0.8\"/>\n<text id=\"percentile-95-label\"")
        svg.attribute("x", right)
        svg.attribute("y", baseline)
        svg.raw(" font-size=\"\(Int(size))\" fill=\"\(percentileColor)\" text-anchor=\"end\">")
        svg.escaped(label)
        svg.raw("</text>\n")
    }

    /// The notice of a window without any measure, in the middle of the plot.
    private static func emptyMessage(_ svg: inout SVGBuilder, layout: GraphLayout) {
        svg.raw("<text id=\"no-data\"")
        svg.attribute("x", (layout.plotLeft + layout.plotRight) / 2)
        svg.attribute("y", (layout.plotTop + layout.plotBottom) / 2 + 5)
        svg.raw(" font-size=\"14\" fill=\"#757575\" text-anchor=\"middle\">")
        svg.escaped(emptyText)
        svg.raw("</text>\n")
    }
}
