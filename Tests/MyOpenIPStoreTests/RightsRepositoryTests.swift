import Foundation
import MyOpenIPDomain
import MyOpenIPStore
import Testing

@Suite("Rights repository (in memory)")
struct RightsRepositoryTests {
    let context = CompanyFixture.context
    let now = CompanyFixture.start

    func draft(_ name: String, _ templates: [String] = ["company_view"]) throws -> RightDraft {
        try RightDraft(name: name, site: "", role: "", templates: templates)
    }

    @Test("a custom right belongs to its company, after the two main rights, and its name is unique there")
    func createAndList() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 1)
        let other = try await fixture.company("Beta", number: 2)
        let right = try await fixture.rights.create(
            try draft("Comptable", ["billing_view"]), company: company.reference, in: .everything, context: context, at: now)
        #expect(right.companyReference == company.reference.description)
        #expect(right.permissions == [.billingRead])
        let listed = try await fixture.rights.rights(of: company.reference, in: .everything)
        #expect(listed.map(\.name) == ["Administrateur tout Univers", "Univers Client", "Comptable"])
        await #expect(throws: RightsViolation.nameTaken) {
            try await fixture.rights.create(
                try draft("comptable"), company: company.reference, in: .everything, context: context, at: now)
        }
        await #expect(throws: RightsViolation.nameTaken) {
            try await fixture.rights.create(
                try draft("univers client"), company: company.reference, in: .everything, context: context, at: now)
        }
        // Another company may use the name; a company outside the scope does not exist.
        _ = try await fixture.rights.create(
            try draft("Comptable"), company: other.reference, in: .company(other.reference), context: context, at: now)
        await #expect(throws: CompanyViolation.unknownCompany) {
            try await fixture.rights.rights(of: company.reference, in: .company(other.reference))
        }
    }

    @Test("an update changes what the closure changes, keeps the rest, and audits only the difference")
    func update() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 1)
        let right = try await fixture.rights.create(
            try draft("Lecteur"), company: company.reference, in: .everything, context: context, at: now)
        let renamed = try await fixture.rights.update(right.id, in: .company(company.reference), context: context, at: now) {
            draft, _ in
            draft = try RightDraft(
                name: "Lecture seule", site: draft.site, role: "Stagiaire", templates: draft.templates.map(\.rawValue))
        }
        #expect(renamed.name == "Lecture seule")
        #expect(renamed.role == "Stagiaire")
        #expect(renamed.templates == [.companyView])
        let event = try #require(try await fixture.events(.rightUpdated).first)
        #expect(
            event.details == [
                "right": String(right.id), "before.name": "Lecteur", "after.name": "Lecture seule", "before.role": "",
                "after.role": "Stagiaire",
            ])
        // A change to nothing writes no event.
        _ = try await fixture.rights.update(right.id, in: .everything, context: context, at: now) { _, _ in }
        #expect(try await fixture.events(.rightUpdated).count == 1)
    }

    @Test("an update is refused for a main right, a right outside the scope, and a name already taken")
    func updateRefusals() async throws {
        let fixture = try CompanyFixture()
        let alpha = try await fixture.company("Alpha", number: 1)
        let beta = try await fixture.company("Beta", number: 2)
        let first = try await fixture.rights.create(
            try draft("Un"), company: alpha.reference, in: .everything, context: context, at: now)
        _ = try await fixture.rights.create(
            try draft("Deux"), company: alpha.reference, in: .everything, context: context, at: now)
        let main = try #require(try await fixture.rights.mainRights().first)
        await #expect(throws: RightsViolation.mainRight) {
            try await fixture.rights.update(main.id, in: .everything, context: context, at: now) { _, _ in }
        }
        await #expect(throws: RightsViolation.unknownCustomRight) {
            try await fixture.rights.update(first.id, in: .company(beta.reference), context: context, at: now) { _, _ in }
        }
        await #expect(throws: RightsViolation.unknownCustomRight) {
            try await fixture.rights.update(9999, in: .everything, context: context, at: now) { _, _ in }
        }
        await #expect(throws: RightsViolation.nameTaken) {
            try await fixture.rights.update(first.id, in: .everything, context: context, at: now) { draft, _ in
                draft = try RightDraft(name: "deux", site: "", role: "", templates: ["company_view"])
            }
        }
        #expect(try await fixture.rights.rights(of: alpha.reference, in: .everything).map(\.name).contains("Un"))
    }

    @Test("a deleted right is taken from its holders, who are named in the answer and the audit trail")
    func delete() async throws {
        let fixture = try CompanyFixture()
        let company = try await fixture.company("Alpha", number: 1)
        let right = try await fixture.rights.create(
            try draft("Comptable", ["billing_view"]), company: company.reference, in: .everything, context: context, at: now)
        let main = try #require(try await fixture.rights.mainRights().last)
        let paul = try await fixture.account("paul@alpha.fr", company: company.reference)
        let anne = try await fixture.account("anne@alpha.fr", company: company.reference)
        _ = try await fixture.rights.setRights([right.id, main.id], ofAccount: paul.id, context: context, at: now)
        _ = try await fixture.rights.setRights([right.id], ofAccount: anne.id, context: context, at: now)

        let holders = try await fixture.rights.delete(right.id, in: .company(company.reference), context: context, at: now)
        #expect(holders.map(\.description) == [paul.login.description, anne.login.description])
        #expect(try await fixture.rights.rights(ofAccount: paul.id).map(\.id) == [main.id])
        #expect(try await fixture.rights.rights(ofAccount: anne.id).isEmpty)
        #expect(!(try await fixture.rights.rights(of: company.reference, in: .everything).contains { $0.id == right.id }))
        let event = try #require(try await fixture.events(.rightDeleted, scope: .company(company.reference)).first)
        #expect(event.details["holders"] == "\(paul.login), \(anne.login)")
        #expect(event.details["name"] == "Comptable")
        await #expect(throws: RightsViolation.unknownCustomRight) {
            try await fixture.rights.delete(right.id, in: .everything, context: context, at: now)
        }
        await #expect(throws: RightsViolation.mainRight) {
            try await fixture.rights.delete(main.id, in: .everything, context: context, at: now)
        }
    }

    @Test("rights given to an account are main rights or its own company's; another company's is refused whole")
    func setRights() async throws {
        let fixture = try CompanyFixture()
        let alpha = try await fixture.company("Alpha", number: 1)
        let beta = try await fixture.company("Beta", number: 2)
        let mine = try await fixture.rights.create(
            try draft("A"), company: alpha.reference, in: .everything, context: context, at: now)
        let theirs = try await fixture.rights.create(
            try draft("B"), company: beta.reference, in: .everything, context: context, at: now)
        let paul = try await fixture.account("paul@alpha.fr", company: alpha.reference)
        await #expect(throws: RightsViolation.unknownRight) {
            try await fixture.rights.setRights([mine.id, theirs.id], ofAccount: paul.id, context: context, at: now)
        }
        #expect(try await fixture.rights.rights(ofAccount: paul.id).isEmpty)
        let held = try await fixture.rights.setRights([mine.id], ofAccount: paul.id, context: context, at: now)
        #expect(held.map(\.name) == ["A"])
        let event = try #require(try await fixture.events(.rightsAssigned).first)
        #expect(event.details == ["before": "", "after": "A"])
        // The same rights again change nothing and write no event.
        #expect(try await fixture.rights.setRights([mine.id], ofAccount: paul.id, context: context, at: now).map(\.name) == ["A"])
        #expect(try await fixture.events(.rightsAssigned).count == 1)
    }
}
