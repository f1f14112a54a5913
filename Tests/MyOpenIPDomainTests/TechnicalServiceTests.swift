import MyOpenIPDomain
import Testing

@Suite("Technical services: kinds, parameters, states, windows, rates")
struct TechnicalServiceTests {
    @Test("Internet access is a data link, the telephony offers are voice trunks, cloud has none")
    func kinds() {
        #expect(TechnicalServiceKind(category: .internetAccess) == .dataLink)
        #expect(TechnicalServiceKind(category: .ipTelephony) == .voiceTrunk)
        #expect(TechnicalServiceKind(category: .standardTelephony) == .voiceTrunk)
        #expect(TechnicalServiceKind(category: .unifiedCommunications) == .voiceTrunk)
        #expect(TechnicalServiceKind(category: .cloud) == nil)
        #expect(TechnicalServiceKind.dataLink.categories == [.internetAccess])
    }

    @Test(
        "prefixes are normalised",
        arguments: [
            ("192.0.2.1/29", "192.0.2.0/29"), ("192.0.2.7", "192.0.2.7/32"), ("10.0.0.0/8", "10.0.0.0/8"),
            ("2001:DB8:12:0::1/48", "2001:db8:12::/48"), ("2001:db8::1", "2001:db8::1/128"), ("0.0.0.0/0", "0.0.0.0/0"),
        ])
    func prefixes(_ text: String, _ normalised: String) throws {
        #expect(try #require(IPPrefix(text)).description == normalised)
    }

    @Test(
        "bad prefixes are refused",
        arguments: ["", "192.0.2.1/33", "192.0.2/24", "2001:db8::/129", "a/8", "1.2.3.4/", "1.2.3.4/-1", "::/+1"])
    func badPrefixes(_ text: String) {
        #expect(IPPrefix(text) == nil)
        #expect(throws: DomainViolation.self) { try LinkParameters.addresses([text]) }
    }

    @Test("repeated prefixes are kept once; 64 at most")
    func addressList() throws {
        #expect(try LinkParameters.addresses(["192.0.2.1/29", "192.0.2.0/29"]).count == 1)
        let many = (0..<65).map { "10.0.\($0).0/24" }
        #expect(throws: NetworkViolation.tooManyAddresses) { try LinkParameters.addresses(many) }
    }

    @Test(
        "numbers are normalised to E.164",
        arguments: [
            ("+33 1 23 45 67 89", "+33123456789"), ("01 23 45 67 89", "+33123456789"), ("0033123456789", "+33123456789"),
            ("01.23.45.67.89", "+33123456789"), ("+44 20 7946 0000", "+442079460000"),
        ])
    func numbers(_ text: String, _ e164: String) throws {
        #expect(try VoiceTrunkParameters.numbers([text]) == [e164])
    }

    @Test("bad numbers are refused", arguments: ["123", "+0123456789", "0123", "+33 1 23 45 67 8x", "+1234567890123456"])
    func badNumbers(_ text: String) {
        #expect(throws: DomainViolation.self) { try VoiceTrunkParameters.numbers([text]) }
    }

    @Test("bandwidth, channels and identifiers are bounded")
    func bounds() throws {
        #expect(try LinkParameters.bandwidth(100_000, field: "downstream_kbps") == 100_000)
        #expect(throws: DomainViolation.self) { try LinkParameters.bandwidth(0, field: "downstream_kbps") }
        #expect(throws: DomainViolation.self) { try LinkParameters.bandwidth(100_000_001, field: "upstream_kbps") }
        #expect(try VoiceTrunkParameters.channels(30) == 30)
        #expect(throws: NetworkViolation.channelsInvalid) { try VoiceTrunkParameters.channels(0) }
        #expect(try NetworkIdentifier.checked("par-pe1:xe-0/0/1.120", field: "interface_id") == "par-pe1:xe-0/0/1.120")
        #expect(throws: DomainViolation.self) { try NetworkIdentifier.checked("has space", field: "interface_id") }
        #expect(throws: DomainViolation.self) { try NetworkIdentifier.checked("", field: "interface_id") }
        #expect(throws: DomainViolation.self) { try NetworkIdentifier.checked("é", field: "interface_id") }
    }

    @Test("a state report changes the status, repeats nothing, and an older one is stale")
    func statusReports() {
        let t0 = Timestamp(milliseconds: 1_000_000)
        let t1 = Timestamp(milliseconds: 2_000_000)
        let up = LinkStatus(state: .up, changedAt: t1)
        #expect(LinkStatus.unknown.applying(up) == .changed)
        #expect(up.applying(LinkStatus(state: .up, changedAt: t1)) == .repeated)
        #expect(up.applying(LinkStatus(state: .down, reason: "perte de porteuse", changedAt: t0)) == .stale)
        #expect(up.applying(LinkStatus(state: .down, reason: "perte de porteuse", changedAt: t1)) == .changed)
        #expect(up.applying(LinkStatus(state: .up, reason: "secours 4G", changedAt: t1)) == .changed)
        #expect(LinkState.up.label == "Opérationnel")
        #expect(LinkState.down.label == "Coupé")
    }

    @Test("windows pick the finest tier that still holds their start")
    func windows() throws {
        let now: Int64 = 1_796_637_600
        func tier(_ window: TrafficWindow) throws -> TrafficTier {
            let bounds = try window.bounds(now: now)
            return TrafficWindow.tier(from: bounds.from, to: bounds.to, now: now)
        }
        #expect(try tier(.day) == .fiveMinutes)
        #expect(try tier(.week) == .fiveMinutes)
        #expect(try tier(.month) == .thirtyMinutes)
        #expect(try tier(.year) == .oneDay)
        #expect(try tier(.range(from: now - 60 * 86_400, to: now - 50 * 86_400)) == .twoHours)
        #expect(try tier(.range(from: now - 3 * 86_400, to: now - 2 * 86_400)) == .fiveMinutes)
        #expect(throws: NetworkViolation.rangeInvalid) { try TrafficWindow.range(from: now, to: now).bounds(now: now) }
        #expect(throws: NetworkViolation.rangeTooLong) {
            try TrafficWindow.range(from: 0, to: 1_500 * 86_400).bounds(now: now)
        }
    }

    @Test(
        "rates read in kbit/s, Mbit/s or Gbit/s with a decimal comma",
        arguments: [
            (Int64(0), "0,0 kbit/s"), (950_000, "950 kbit/s"), (1_250, "1,3 kbit/s"), (12_500_000, "12,5 Mbit/s"),
            (125_000_000, "125 Mbit/s"), (1_000_000_000, "1,0 Gbit/s"), (99_949_999, "99,9 Mbit/s"),
        ])
    func rates(_ bitsPerSecond: Int64, _ text: String) {
        #expect(BitRate.text(bitsPerSecond) == text)
    }

    @Test("a sparkline scales from zero to the peak and keeps gaps")
    func sparkline() {
        #expect(Sparkline.text([0, 4, 8, nil, 8]) == "▁▅█ █")
        #expect(Sparkline.text([0, 0]) == "▁▁")
        let points = (0..<4).map {
            TrafficAggregate(sample: TrafficSample(at: Int64($0) * 300, inBitsPerSecond: Int64($0) * 10, outBitsPerSecond: 0))
        }
        let series = TrafficSeries(from: 0, to: 1_200, tier: .fiveMinutes, points: points)
        #expect(Sparkline.columns(series, width: 2, value: \.inAverage) == [5, 25])
        #expect(Sparkline.columns(series, width: 8, value: \.inAverage).compactMap { $0 } == [0, 10, 20, 30])
    }
}
