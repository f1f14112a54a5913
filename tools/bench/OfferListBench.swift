import Foundation
import MyOpenIPClient

/// The contracted-offer list benchmark: seeds offers by ordering through the API (quotes of ten
/// products), then walks the whole list page by page, as the client's user and as the operator,
/// and times each page: a page should cost the same at any depth and any number of offers.
enum OfferListBench {
    static let header = "    offers  listing                  pages    p50 µs    p99 µs    max µs"

    static func run(socketPath: String, counts: [Int], pageSize: UInt32) async throws {
        let fixture = try await OrderBench.prepare(socketPath: socketPath)
        let user = MyOpenIPClient(unixSocketPath: socketPath)
        try await user.identity.login(identifier: fixture.login, password: BenchCall.password)
        let admin = MyOpenIPClient(unixSocketPath: socketPath)
        defer {
            Task {
                await user.close()
                await admin.close()
            }
        }
        print("myopenip-bench: ListContractedOffers pages of \(pageSize), whole list walked, over the Unix socket")
        print(header)
        var seeded = 0
        for count in counts.sorted() {
            let start = ContinuousClock.now
            // Ten offers an order: the fibre and nine cloud PBXs.
            let orders = (count - seeded + 9) / 10
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<16 {
                    group.addTask {
                        var index = lane
                        while index < orders {
                            try await OrderBench.placeOrder(on: user, fixture: fixture, extraItems: 8)
                            index += 16
                        }
                    }
                }
                try await group.waitForAll()
            }
            seeded += orders * 10
            let seeding = start.duration(to: .now)
            for (label, client) in [("client's user", user), ("operator", admin)] {
                print(try await walk(client, label: label, expected: seeded, pageSize: pageSize).text)
            }
            var search: [UInt64] = []
            for _ in 0..<20 {
                let before = DispatchTime.now().uptimeNanoseconds
                _ = try await user.orders.offers(text: "clichy", pageSize: pageSize)
                search.append(DispatchTime.now().uptimeNanoseconds - before)
            }
            print(CompanyListBench.Row(companies: seeded, listing: "text \"clichy\"", pages: 20, latencies: search).text)
            print("           (seeded up to \(seeded) offers in \(seeding))")
        }
    }

    static func walk(_ client: MyOpenIPClient, label: String, expected: Int, pageSize: UInt32) async throws
        -> CompanyListBench.Row
    {
        var latencies: [UInt64] = []
        var token = ""
        var seen = 0
        repeat {
            let before = DispatchTime.now().uptimeNanoseconds
            let page = try await client.orders.offers(pageSize: pageSize, pageToken: token)
            latencies.append(DispatchTime.now().uptimeNanoseconds - before)
            seen += page.offers.count
            token = page.nextPageToken
        } while !token.isEmpty
        guard seen == expected else { throw CompanyListBenchFailure(description: "walked \(seen) offers of \(expected)") }
        return CompanyListBench.Row(companies: expected, listing: label, pages: latencies.count, latencies: latencies)
    }
}
