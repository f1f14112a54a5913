/// Where a traffic graph's parts go on its canvas, and how a time and a rate map to a point of
/// its plot area: the title row on top, the rate labels on the left, the time labels and the
/// rows of figures below.
struct GraphLayout {
    let width: Double
    let height: Double
    let plotLeft: Double
    let plotTop: Double
    let plotRight: Double
    let plotBottom: Double
    /// The window's start and length, in seconds (at least one).
    let from: Double
    let span: Double
    /// The rate at the top of the plot, in bit/s (positive).
    let top: Int64

    static let margin = 12.0
    static let titleBaseline = 22.0
    static let titleFontSize = 15.0
    static let legendFontSize = 12.0
    static let axisFontSize = 11.0
    static let figuresFontSize = 11.0
    /// From the plot's bottom to the time labels' baseline.
    static let timeLabelOffset = 16.0
    /// From the plot's bottom to the first row of figures' baseline.
    static let firstRowOffset = 36.0
    static let rowHeight = 17.0

    /// The smallest and largest canvas drawn; a size asked beyond is brought within.
    static let widths = 240...10_000
    static let heights = 160...10_000

    /// The layout of a `width` × `height` canvas whose rate labels are up to `rateLabelWidth`
    /// wide, with `rows` rows of figures under the time labels.
    init(width: Int, height: Int, rateLabelWidth: Double, rows: Int, from: Int64, to: Int64, top: Int64) {
        self.width = Self.canvasWidth(width)
        self.height = Double(min(max(height, Self.heights.lowerBound), Self.heights.upperBound))
        (plotLeft, plotRight) = Self.plotEdges(width: width, rateLabelWidth: rateLabelWidth)
        plotTop = 38
        let bottom = Self.firstRowOffset + Self.rowHeight * Double(max(0, rows - 1)) + 10
        plotBottom = max(plotTop + 40, self.height - bottom)
        self.from = Double(from)
        span = max(Double(to) - Double(from), 1)
        self.top = max(top, 1)
    }

    /// The width of the canvas for the `width` asked.
    static func canvasWidth(_ width: Int) -> Double {
        Double(min(max(width, widths.lowerBound), widths.upperBound))
    }

    /// The left and right of the plot on a canvas `width` wide whose rate labels are up to
    /// `rateLabelWidth` wide.
    static func plotEdges(width: Int, rateLabelWidth: Double) -> (left: Double, right: Double) {
        ((margin + rateLabelWidth + 8).rounded(), canvasWidth(width) - 16)
    }

    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    /// The x of `time` (Unix seconds), kept within the plot.
    func x(_ time: Double) -> Double {
        let fraction = (time - from) / span
        return plotLeft + min(max(fraction, 0), 1) * plotWidth
    }

    /// The x of `time` (Unix seconds), kept within the plot.
    func x(_ time: Int64) -> Double { x(Double(time)) }

    /// How many pixels `seconds` take along the time axis.
    func pixels(seconds: Double) -> Double { seconds / span * plotWidth }

    /// The y of `rate` (bit/s), kept within the plot.
    func y(_ rate: Int64) -> Double {
        let fraction = Double(rate) / Double(top)
        return plotBottom - min(max(fraction, 0), 1) * plotHeight
    }

    /// `coordinate` moved onto the middle of a pixel, so that a one-pixel line is crisp.
    static func crisp(_ coordinate: Double) -> Double {
        coordinate.rounded(.down) + 0.5
    }

    /// The baseline of the `index`-th row of figures (0 first).
    func rowBaseline(_ index: Int) -> Double {
        plotBottom + Self.firstRowOffset + Self.rowHeight * Double(index)
    }
}
