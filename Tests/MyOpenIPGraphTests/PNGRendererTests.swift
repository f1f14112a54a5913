import MyOpenIPDomain
import MyOpenIPGraph
import Testing

@Suite("Traffic graph as PNG (librsvg)")
struct PNGRendererTests {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test func aGraphBecomesAPNGOfTheAskedSize() throws {
        let svg = TrafficGraphSVG.render(Fixture.month(), title: "Lien fibre", width: 800, height: 320)
        let png = try PNGRenderer.png(fromSVG: svg, width: 800, height: 320)
        #expect(Array(png.prefix(8)) == Self.signature)
        #expect(png.count > 5_000)
        // The first chunk is IHDR: its length, its type, then the width and the height.
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Self.bigEndian(png, at: 16) == 800)
        #expect(Self.bigEndian(png, at: 20) == 320)
    }

    @Test func aPictureMayBeLargerThanTheDocument() throws {
        let svg = TrafficGraphSVG.render(Fixture.month(), title: "Lien fibre")
        let png = try PNGRenderer.png(fromSVG: svg, width: 1_600, height: 640)
        #expect(Self.bigEndian(png, at: 16) == 1_600)
        #expect(Self.bigEndian(png, at: 20) == 640)
    }

    @Test(arguments: ["", "not svg at all", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", "<html></html>"])
    func anInvalidSVGThrows(svg: String) {
        let error = #expect(throws: GraphRenderingError.self) {
            try PNGRenderer.png(fromSVG: svg, width: 100, height: 100)
        }
        #expect(error?.message.isEmpty == false)
    }

    @Test(arguments: [(0, 100), (100, -1), (100_000, 100), (8_000, 8_000)])
    func anInvalidSizeThrows(width: Int, height: Int) {
        #expect(throws: GraphRenderingError.self) {
            try PNGRenderer.png(fromSVG: TrafficGraphSVG.render(Fixture.month(), title: "Lien"), width: width, height: height)
        }
    }

    @Test func concurrentRendersGiveTheSameBytes() async throws {
        let svg = TrafficGraphSVG.render(Fixture.month(), title: "Lien fibre")
        let expected = try PNGRenderer.png(fromSVG: svg, width: 800, height: 320)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try PNGRenderer.png(fromSVG: svg, width: 800, height: 320) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}
