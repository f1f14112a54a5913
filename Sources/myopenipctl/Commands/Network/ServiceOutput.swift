import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// How technical services, their states and traffic read in a terminal.
enum ServiceOutput {
    /// A line of the list: a link's bandwidth and interface, a trunk's channels and numbers.
    static func summary(_ service: Myopenip_V1_TechnicalService) -> String {
        switch service.parameters {
        case .link(let link):
            var parts: [String] = []
            if link.downstreamKbps > 0 {
                parts.append(
                    "\(BitRate.text(link.downstreamKbps * 1_000)) / \(BitRate.text(link.upstreamKbps * 1_000))")
            }
            if !link.accessTypeLabel.isEmpty { parts.append(link.accessTypeLabel) }
            if !link.interfaceID.isEmpty { parts.append(link.interfaceID) }
            return parts.isEmpty ? "à paramétrer" : parts.joined(separator: ", ")
        case .voiceTrunk(let trunk):
            var parts: [String] = []
            if trunk.channels > 0 { parts.append("\(trunk.channels) canaux") }
            if !trunk.numbers.isEmpty { parts.append("\(trunk.numbers.count) numéros") }
            if !trunk.trunkID.isEmpty { parts.append(trunk.trunkID) }
            return parts.isEmpty ? "à paramétrer" : parts.joined(separator: ", ")
        case nil:
            return ""
        }
    }

    static func printDetail(_ service: Myopenip_V1_TechnicalService) {
        var fields: [(String, String)] = [
            ("référence", service.reference), ("nom", service.name), ("type", service.kindLabel),
            ("client", "\(service.companyName) (\(service.companyReference))"), ("ville", service.city),
            ("offre", service.offerStateLabel),
            ("état", service.status.stateLabel + (service.status.reason.isEmpty ? "" : " — \(service.status.reason)")),
        ]
        if service.status.hasChangedAt { fields.append(("depuis", service.status.changedAt.shown)) }
        switch service.parameters {
        case .link(let link):
            fields.append(("accès", link.accessTypeLabel.isEmpty ? "-" : link.accessTypeLabel))
            fields.append(("débit descendant", link.downstreamKbps > 0 ? BitRate.text(link.downstreamKbps * 1_000) : "-"))
            fields.append(("débit montant", link.upstreamKbps > 0 ? BitRate.text(link.upstreamKbps * 1_000) : "-"))
            fields.append(("interface", link.interfaceID.isEmpty ? "-" : link.interfaceID))
            fields.append(("adresses", link.addresses.isEmpty ? "-" : link.addresses.joined(separator: " ")))
            if service.hasLastSampleAt { fields.append(("dernière mesure", service.lastSampleAt.shown)) }
        case .voiceTrunk(let trunk):
            fields.append(("trunk", trunk.trunkID.isEmpty ? "-" : trunk.trunkID))
            fields.append(("canaux", trunk.channels > 0 ? String(trunk.channels) : "-"))
            fields.append(("numéros", trunk.numbers.isEmpty ? "-" : trunk.numbers.joined(separator: " ")))
        case nil:
            break
        }
        if service.hasParametersUpdatedAt { fields.append(("paramétré le", service.parametersUpdatedAt.shown)) }
        Output.printFields(fields)
    }

    /// A line of a watch.
    static func line(_ change: Myopenip_V1_LinkStateChange) -> String {
        var parts = [
            change.status.hasChangedAt ? change.status.changedAt.shown : "                ", change.reference,
            change.initial ? "état actuel : \(change.status.stateLabel)" : "→ \(change.status.stateLabel)",
        ]
        if !change.status.reason.isEmpty { parts.append("— \(change.status.reason)") }
        return parts.joined(separator: "  ")
    }

    /// Each direction as a sparkline of `columns`, with its current, average and peak rates,
    /// then the 95th percentile.
    static func printTraffic(_ traffic: Myopenip_V1_Traffic, columns: Int) {
        let points = traffic.points.map { point in
            TrafficAggregate(
                start: point.start.seconds, samples: Int64(point.samples), inSum: point.inAverage * Int64(point.samples),
                inMinimum: point.inMinimum, inMaximum: point.inMaximum, outSum: point.outAverage * Int64(point.samples),
                outMinimum: point.outMinimum, outMaximum: point.outMaximum)
        }
        let series = TrafficSeries(
            from: traffic.from.seconds, to: traffic.to.seconds,
            tier: TrafficTier.all.first { $0.seconds == Int64(traffic.resolutionSeconds) } ?? .fiveMinutes, points: points)
        print("\(traffic.reference)  \(traffic.from.shown) → \(traffic.to.shown)  (moyennes sur \(series.tier))")
        guard !points.isEmpty else {
            print("Aucune mesure sur cette période")
            return
        }
        let directions: [(String, (TrafficAggregate) -> Int64, Int64, Int64)] = [
            ("entrant", \.inAverage, traffic.inAverage, points.map(\.inMaximum).max() ?? 0),
            ("sortant", \.outAverage, traffic.outAverage, points.map(\.outMaximum).max() ?? 0),
        ]
        for (name, value, average, peak) in directions {
            let line = Sparkline.text(Sparkline.columns(series, width: columns, value: value))
            print(name.padding(toLength: 9, withPad: " ", startingAt: 0) + "│" + line + "│")
            print(
                "          actuel \(BitRate.text(value(points[points.count - 1])))  ·  moyenne \(BitRate.text(average))"
                    + "  ·  pic \(BitRate.text(peak))")
        }
        if traffic.hasPercentile95 {
            let percentile = traffic.percentile95
            print(
                "95e percentile : \(BitRate.text(percentile.billedBitsPerSecond)) (entrant \(BitRate.text(percentile.inBitsPerSecond)), "
                    + "sortant \(BitRate.text(percentile.outBitsPerSecond)), sur \(percentile.values) mesures)")
        }
    }

    /// The terminal's width, 80 when it cannot be told.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
