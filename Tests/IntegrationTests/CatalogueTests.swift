import Foundation
import MyOpenIPClient
import Testing

@Suite("Catalogue of the e-shop")
struct CatalogueTests {
    static let demoCatalogue = Executables.packageRoot + "/tools/catalogue/demo-catalogue.json"

    /// A user of OIP-00000002 with the main right `main` ("administrator"), or none, logged in
    /// over TCP with the terms (published once before) accepted.
    static func user(_ daemon: TestDaemon, main: String?) async throws -> MyOpenIPClient {
        let admin = daemon.operatorClient()
        try await daemon.ensureCompany("OIP-00000002", kind: .client)
        let login = try await daemon.createActiveUser(company: "OIP-00000002")
        if let main {
            let right = try #require(try await admin.rights.templates().mainRights.first { $0.main == main })
            try await admin.rights.setUserRights(login: login, rightIDs: [right.id])
        }
        await admin.close()
        let user = try await daemon.loggedIn(login, over: .tcp)
        try await user.terms.accept(version: 1)
        return user
    }

    @Test("the demo catalogue is imported from its file, once: the guide's offers are on sale")
    func demoCatalogueImport() async throws {
        try #require(Executables.areBuilt, "build the products first: swift build")
        try await withTestDaemon { daemon async throws in
            let socket = ["--socket", daemon.socketPath]
            let first = try await Executables.run("myopenipctl", ["catalogue", "import", Self.demoCatalogue] + socket)
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput.contains("7 created, 0 updated, 0 unchanged"))
            let again = try await Executables.run("myopenipctl", ["catalogue", "import", Self.demoCatalogue] + socket)
            #expect(again.standardOutput.contains("0 created, 0 updated, 7 unchanged"), "\(again.standardOutput)")

            let admin = daemon.operatorClient()
            let names = try await admin.catalogue.list().offerings.map(\.fields.name)
            for name in [
                "FIBRE OPTIQUE ENTREPRISE", "Accès Internet ADSL / VDSL", "TRUNK SIP",
                "Ajout de canaux SIP sur un Trunk SIP existant", "MyCloud3CX", "Téléphonie standard - Accès Numéris T0",
            ] {
                #expect(names.contains(name), "\(name)")
            }
            let channels = try await admin.catalogue.get(code: "TRUNK-SIP-CANAUX")
            #expect(channels.fields.upgradeOf == "TRUNK-SIP")
            let fibre = try await admin.catalogue.get(code: "FIBRE-ENTREPRISE")
            #expect(fibre.fields.monthlyPriceCents == 39_900)
            #expect(fibre.fields.needsOnSiteIntervention && fibre.fields.needsEquipmentDelivery)
            #expect(fibre.fields.form.map(\.name) == ["bandwidth_mbps", "ip_addresses", "backup_4g"])

            let table = try await Executables.run("myopenipctl", ["catalogue", "list", "--category", "ip-telephony"] + socket)
            #expect(table.standardOutput.contains("Téléphonie IP"))
            #expect(table.standardOutput.contains("90,00 €"))
            #expect(!table.standardOutput.contains("FIBRE"))
            await admin.close()
        }
    }

    @Test("clients who order browse what is on sale; a retired offering is gone for them, kept for staff")
    func browsingAndRetiring() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            var fields = Myopenip_V1_OfferingFields()
            fields.code = "SAUVEGARDE-CLOUD"
            fields.name = "Sauvegarde Cloud"
            fields.category = .cloud
            fields.monthlyPriceCents = 2900
            fields.commitmentMonths = 12
            try await admin.catalogue.create(fields)
            try await daemon.publishTerms()
            let client = try await Self.user(daemon, main: "administrator")
            #expect(try await client.catalogue.list().offerings.map(\.fields.code) == ["SAUVEGARDE-CLOUD"])
            #expect(try await client.catalogue.get(code: "SAUVEGARDE-CLOUD").fields.noticeMonths == 1)

            let withoutRights = try await Self.user(daemon, main: nil)
            let refused = await rpcError { try await withoutRights.catalogue.list() }
            #expect(refused?.code == .permissionDenied)
            let writing = await rpcError { try await client.catalogue.retire(code: "SAUVEGARDE-CLOUD") }
            #expect(writing?.code == .permissionDenied)

            try await admin.catalogue.retire(code: "SAUVEGARDE-CLOUD")
            #expect(try await client.catalogue.list().offerings.isEmpty)
            #expect(try await client.catalogue.list(includeRetired: true).offerings.isEmpty)
            #expect(await rpcError { try await client.catalogue.get(code: "SAUVEGARDE-CLOUD") }?.code == .notFound)
            #expect(try await admin.catalogue.get(code: "SAUVEGARDE-CLOUD").hasRetiredAt)
            #expect(try await admin.catalogue.list(includeRetired: true).offerings.count == 1)
            let change = await rpcError {
                try await admin.catalogue.update(code: "SAUVEGARDE-CLOUD", fields: fields, paths: ["name"])
            }
            #expect(change?.code == .failedPrecondition)
            #expect(change?.reason == "OFFERING_RETIRED")
            await client.close()
            await withoutRights.close()
            await admin.close()
        }
    }

    @Test("a bad offering is refused field by field; an update changes only the fields of its mask")
    func validation() async throws {
        try await withTestDaemon { daemon async throws in
            let admin = daemon.operatorClient()
            var fields = Myopenip_V1_OfferingFields()
            fields.code = "TRUNK-SIP"
            fields.name = "TRUNK SIP"
            fields.category = .ipTelephony
            fields.monthlyPriceCents = 9000
            var channels = Myopenip_V1_Characteristic()
            channels.name = "channels"
            channels.label = "Canaux simultanés"
            channels.type = .number
            channels.required = true
            channels.range.minimum = 2
            channels.range.maximum = 120
            fields.form = [channels]

            func refusal(_ change: (inout Myopenip_V1_OfferingFields) -> Void) async -> RPCError? {
                var bad = fields
                change(&bad)
                return await rpcError { try await admin.catalogue.create(bad) }
            }
            let cases: [(String, (inout Myopenip_V1_OfferingFields) -> Void)] = [
                ("code", { $0.code = "trunk sip" }),
                ("name", { $0.name = " " }),
                ("category", { $0.category = .unspecified }),
                ("monthly_price_cents", { $0.monthlyPriceCents = -1 }),
                ("fields.form[0].type", { $0.form[0].type = .unspecified }),
                ("fields.form[0].range", { $0.form[0].range.maximum = 1 }),
                ("form[0].pattern", { $0.form[0].pattern = "[0-9]" }),
                ("upgrade_of", { $0.upgradeOf = "NOPE" }),
            ]
            for (field, change) in cases {
                let error = await refusal(change)
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.field == field, "\(field): \(String(describing: error))")
            }

            try await admin.catalogue.create(fields)
            #expect(await rpcError { try await admin.catalogue.create(fields) }?.code == .alreadyExists)
            var change = Myopenip_V1_OfferingFields()
            change.monthlyPriceCents = 9900
            change.name = "ignored: not in the mask"
            let updated = try await admin.catalogue.update(code: "TRUNK-SIP", fields: change, paths: ["monthly_price_cents"])
            #expect(updated.fields.monthlyPriceCents == 9900)
            #expect(updated.fields.name == "TRUNK SIP")
            #expect(updated.fields.form == [channels])
            let badMask = await rpcError {
                try await admin.catalogue.update(code: "TRUNK-SIP", fields: change, paths: ["code"])
            }
            #expect(badMask?.code == .invalidArgument)
            let unknown = await rpcError {
                try await admin.catalogue.update(code: "NOPE", fields: change, paths: ["monthly_price_cents"])
            }
            #expect(unknown?.code == .notFound)
            await admin.close()
        }
    }
}
