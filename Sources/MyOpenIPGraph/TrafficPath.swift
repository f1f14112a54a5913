import MyOpenIPDomain

/// The path data of a series' two curves: traffic in as a closed area down to the axis, traffic
/// out as a line, both through the buckets' averages at the middle of each bucket. A missing
/// bucket (two points more than one tier apart) starts a new subpath, so a gap is never
/// bridged; a lone point between gaps is drawn one bucket wide, so it stays visible.
enum TrafficPath {
    /// Appends the `d` of the area of traffic in.
    static func appendInboundArea(_ series: TrafficSeries, layout: GraphLayout, to svg: inout SVGBuilder) {
        let base = layout.plotBottom
        forEachRun(series) { run in
            let half = halfWidth(series, layout: layout)
            if run.count == 1 {
                let point = run[run.startIndex]
                let x = layout.x(middle(point, series.tier))
                let y = layout.y(point.inAverage)
                svg.pathPoint("M", x - half, base)
                svg.pathPoint("L", x - half, y)
                svg.pathPoint("L", x + half, y)
                svg.pathPoint("L", x + half, base)
            } else {
                var lastX = 0.0
                for (offset, point) in run.enumerated() {
                    let x = layout.x(middle(point, series.tier))
                    if offset == 0 { svg.pathPoint("M", x, base) }
                    svg.pathPoint("L", x, layout.y(point.inAverage))
                    lastX = x
                }
                svg.pathPoint("L", lastX, base)
            }
            svg.raw("Z")
        }
    }

    /// Appends the `d` of the line of traffic out.
    static func appendOutboundLine(_ series: TrafficSeries, layout: GraphLayout, to svg: inout SVGBuilder) {
        forEachRun(series) { run in
            if run.count == 1 {
                let point = run[run.startIndex]
                let x = layout.x(middle(point, series.tier))
                let y = layout.y(point.outAverage)
                let half = halfWidth(series, layout: layout)
                svg.pathPoint("M", x - half, y)
                svg.pathPoint("L", x + half, y)
            } else {
                for (offset, point) in run.enumerated() {
                    svg.pathPoint(offset == 0 ? "M" : "L", layout.x(middle(point, series.tier)), layout.y(point.outAverage))
                }
            }
        }
    }

    /// Calls `body` with each run of consecutive buckets, oldest first.
    static func forEachRun(_ series: TrafficSeries, _ body: (ArraySlice<TrafficAggregate>) -> Void) {
        let points = series.points
        guard !points.isEmpty else { return }
        let width = max(series.tier.seconds, 1)
        var runStart = 0
        for index in 1..<points.count where isGap(from: points[index - 1].start, to: points[index].start, width: width) {
            body(points[runStart..<index])
            runStart = index
        }
        body(points[runStart...])
    }

    /// Whether buckets are missing between the one starting at `earlier` and the next one,
    /// starting at `later`.
    static func isGap(from earlier: Int64, to later: Int64, width: Int64) -> Bool {
        let distance = later.subtractingReportingOverflow(earlier)
        return distance.overflow || distance.partialValue > width
    }

    /// The middle of `point`'s bucket, in Unix seconds.
    private static func middle(_ point: TrafficAggregate, _ tier: TrafficTier) -> Double {
        Double(point.start) + Double(max(tier.seconds, 0)) / 2
    }

    /// Half a bucket in pixels, at least one.
    private static func halfWidth(_ series: TrafficSeries, layout: GraphLayout) -> Double {
        max(1, layout.pixels(seconds: Double(max(series.tier.seconds, 0)) / 2))
    }
}
