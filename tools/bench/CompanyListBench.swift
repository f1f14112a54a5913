import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// The company-list benchmark: seeds companies through the API, then walks the whole list page by
/// page in each order and times each page, to show that a page costs the same at any depth and
/// any table size.
enum CompanyListBench {
    struct Row {
        var companies: Int
        var listing: String
        var pages: Int
        var latencies: [UInt64]

        func percentile(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let sorted = latencies.sorted()
            let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))
            return Double(sorted[index]) / 1000
        }

        var text: String {
            String(format: "%10d  ", companies) + listing.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "  %6d  %8.1f  %8.1f  %8.1f", pages, percentile(0.5), percentile(0.99), percentile(1.0))
        }
    }

    static let header = " companies  listing                  pages    p50 µs    p99 µs    max µs"

    static func run(socketPath: String, counts: [Int], pageSize: UInt32) async throws {
        let client = MyOpenIPClient(unixSocketPath: socketPath)
        defer { Task { await client.close() } }
        print("myopenip-bench: ListCompanies pages of \(pageSize), whole list walked in each order, over the Unix socket")
        print(header)
        var seeded = 0
        for count in counts.sorted() {
            let start = ContinuousClock.now
            try await seed(client, from: seeded, to: count)
            let seeding = start.duration(to: .now)
            seeded = count
            for (label, order) in [("by reference", Myopenip_V1_CompanyOrder.unspecified), ("by name", .name)] {
                print(try await walk(client, count: count, label: label, order: order, pageSize: pageSize).text)
            }
            print(try await search(client, count: count, label: "search \"garage N\"") { "garage \($0 + 1)" }.text)
            print(try await search(client, count: count, label: "search one SIREN") { siren(count / 2 + $0) }.text)
            print("           (seeded up to \(count) in \(seeding))")
        }
    }

    /// Creates companies `from + 1 … to`, 16 at a time, each with its four mails.
    static func seed(_ client: MyOpenIPClient, from: Int, to: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    var index = from + 1 + lane
                    while index <= to {
                        var request = Myopenip_V1_CreateCompanyRequest()
                        request.kind = index % 10 == 0 ? .partner : .client
                        request.name = "\(names[index % names.count]) \(index)"
                        request.siren = siren(index)
                        request.legalStatus = "SAS"
                        // The four mail categories filled, as real companies have them.
                        request.mails.commercial = "commercial@societe-\(index).fr"
                        request.mails.technical = "technique@societe-\(index).fr"
                        request.mails.salesAdministration = "adv@societe-\(index).fr"
                        request.mails.administrative = "comptabilite@societe-\(index).fr"
                        _ = try await client.companies.create(request)
                        index += 16
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static let names = [
        "Boulangerie", "Mairie", "Cabinet", "Garage", "Pharmacie", "Société", "Atelier", "Hôtel", "Clinique", "Agence",
    ]

    /// A valid SIREN for `index`: 8 digits and the Luhn check digit.
    static func siren(_ index: Int) -> String {
        Siren.completing(String(10_000_000 + index))!.description
    }

    static func walk(_ client: MyOpenIPClient, count: Int, label: String, order: Myopenip_V1_CompanyOrder, pageSize: UInt32)
        async throws -> Row
    {
        var latencies: [UInt64] = []
        var token = ""
        var seen = 0
        repeat {
            let before = DispatchTime.now().uptimeNanoseconds
            let page = try await client.companies.list(orderBy: order, pageSize: pageSize, pageToken: token)
            latencies.append(DispatchTime.now().uptimeNanoseconds - before)
            seen += page.companies.count
            token = page.nextPageToken
        } while !token.isEmpty
        guard seen == count else { throw CompanyListBenchFailure(description: "walked \(seen) companies of \(count)") }
        return Row(companies: count, listing: label, pages: latencies.count, latencies: latencies)
    }

    /// 20 text searches (substrings of names, or of SIRENs), a page of 50 each.
    static func search(_ client: MyOpenIPClient, count: Int, label: String, query: (Int) -> String) async throws -> Row {
        var latencies: [UInt64] = []
        for index in 0..<20 {
            let text = query(index)
            let before = DispatchTime.now().uptimeNanoseconds
            let page = try await client.companies.list(query: text, pageSize: 50)
            latencies.append(DispatchTime.now().uptimeNanoseconds - before)
            guard !page.companies.isEmpty else { throw CompanyListBenchFailure(description: "no company matches \(text)") }
        }
        return Row(companies: count, listing: label, pages: latencies.count, latencies: latencies)
    }
}

struct CompanyListBenchFailure: Error, CustomStringConvertible {
    var description: String
}
