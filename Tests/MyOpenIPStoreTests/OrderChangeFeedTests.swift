import MyOpenIPDomain
import Testing

@testable import MyOpenIPStore

@Suite("Order change feed: fan-out in write order, a slow watcher dropped alone")
struct OrderChangeFeedTests {
    static func change(_ order: Int, company: String = "OIP-00000002", partner: String? = "OIP-00000001") -> OrderChange {
        OrderChange(
            companyReference: company, partnerReference: partner, orderReference: "COM\(order)", orderState: .inProgress,
            pilot: nil, pointOfNoReturn: false, offerReference: nil, offerFrom: nil, offerTo: nil, cancellation: nil,
            at: Timestamp(milliseconds: Int64(order)), actor: "test", reason: "")
    }

    @Test("every watcher gets what it wants, in the order published")
    func fanOut() async throws {
        let feed = OrderChangeFeed()
        let all = feed.watch { _ in true }
        let even = feed.watch { Int($0.orderReference.dropFirst(3))! % 2 == 0 }
        feed.publish((1...10).map { Self.change($0) })
        var received: [String] = []
        for try await change in all {
            received.append(change.orderReference)
            if received.count == 10 { break }
        }
        #expect(received == (1...10).map { "COM\($0)" })
        var evens: [String] = []
        for try await change in even {
            evens.append(change.orderReference)
            if evens.count == 5 { break }
        }
        #expect(evens == ["COM2", "COM4", "COM6", "COM8", "COM10"])
    }

    @Test("a watcher that does not read is dropped once its buffer is full; the others and the writer go on")
    func slowWatcher() async throws {
        let feed = OrderChangeFeed(buffer: 4)
        let slow = feed.watch { _ in true }
        let fast = feed.watch { _ in true }
        var fastSeen = 0
        for round in 0..<3 {
            feed.publish((1...3).map { Self.change(round * 3 + $0) })  // never blocks
            for try await _ in fast {
                fastSeen += 1
                if fastSeen == (round + 1) * 3 { break }
            }
        }
        #expect(fastSeen == 9)
        #expect(feed.count == 1, "the slow watcher left the feed")
        var slowSeen = 0
        await #expect(throws: OrderChangeFeed.Overflow.self) {
            for try await _ in slow { slowSeen += 1 }
        }
        #expect(slowSeen == 4, "what it had buffered, then the overflow")
    }

    @Test("scope: a client's users see their company, its partner's users its clients, operator staff all")
    func visibility() throws {
        let change = Self.change(1)
        #expect(change.isVisible(in: .everything))
        #expect(change.isVisible(in: .company(try CompanyReference("OIP-00000002"))))
        #expect(change.isVisible(in: .company(try CompanyReference("OIP-00000001"))))
        #expect(!change.isVisible(in: .company(try CompanyReference("OIP-00000003"))))
        #expect(!change.isVisible(in: .nothing))
    }
}
