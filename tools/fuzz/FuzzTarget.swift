import Foundation
import MyOpenIPDomain
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPTransport
import NIOCore
import NIOEmbedded

/// What one fuzz input exercises: its first byte picks the target, the rest is the input.
///
/// Every target must survive any bytes (a refusal is a thrown error, never a crash), and checks
/// what must hold of what it accepts: a value parsed from text prints in a form that parses back
/// to itself, and a frame decoder hands on nothing larger than its limit.
enum FuzzTarget: UInt8, CaseIterable {
    case frames, envelope, email, phone, iban, bic, siren, companyReference, accountLogin, timestamp, password, bearer
    case site, contact, company, right, account, offering, quote, ipPrefix, trunkNumber

    /// Runs the input `bytes` (target byte first); empty input does nothing.
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let selector = bytes.first else { return }
        let target = allCases[Int(selector) % allCases.count]
        target.run(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
    }

    func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        switch self {
        case .frames: Self.decodeFrames(input)
        case .envelope: Self.decodeEnvelope(Data(input))
        case .email: Self.roundTrip(text) { try EmailAddress($0) }
        case .phone: Self.roundTrip(text) { try PhoneNumber($0) }
        case .iban: Self.roundTrip(text) { try Iban($0) }
        case .bic: Self.roundTrip(text) { try Bic($0) }
        case .siren: Self.roundTrip(text) { try Siren($0) }
        case .companyReference:
            Self.roundTrip(text) { try CompanyReference($0) }
            // OIP-00000000 is well formed (it names no company: NOT_FOUND); the others are numbered.
            if let reference = try? CompanyReference(text), reference.sequence > 0 {
                precondition(CompanyReference(sequence: reference.sequence) == reference, "sequence of \(reference)")
            }
        case .accountLogin:
            if let login = AccountLogin(parsing: text) {
                precondition(AccountLogin(parsing: login.description) == login, "login \(login)")
            }
        case .timestamp:
            if let timestamp = Timestamp(parsing: text) {
                precondition(Timestamp(parsing: timestamp.iso8601) == timestamp, "timestamp \(timestamp)")
            }
        case .password:
            let parts = text.split(separator: "\u{0}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            _ = PasswordPolicy.brokenRules(
                password: parts[0], confirmation: parts.count > 1 ? parts[1] : parts[0], login: "E-0000000001",
                email: parts.count > 2 ? parts[2] : "jean@example.fr")
        case .site:
            let field = Self.fields(text, count: 11)
            guard
                let address = try? PostalAddress.checked(
                    street: field[0], complement: field[1], postcode: field[2], city: field[3], country: field[4])
            else { return }
            _ = try? SiteDraft.checked(
                name: field[5], address: address, phone: field[6], openingHours: field[7],
                payment: try? PaymentDetails.checked(iban: field[8], bic: field[9], holder: field[10]))
        case .contact:
            let field = Self.fields(text, count: 5)
            _ = try? ContactDraft.checked(
                lastName: field[0], firstName: field[1], email: field[2], phone: field[3], role: field[4])
        case .company:
            let field = Self.fields(text, count: 9)
            guard
                let mails = try? CompanyMails(
                    commercial: field[5], technical: field[6], salesAdministration: field[7], administrative: field[8])
            else { return }
            _ = try? CompanyProfile.checked(
                name: field[0], siren: field[1], legalStatus: field[2], comment: field[3], website: field[4],
                financialSituation: nil, guaranteeType: nil, mails: mails)
        case .right:
            let field = Self.fields(text, count: 4)
            _ = try? RightDraft(
                name: field[0], site: field[1], role: field[2], templates: field[3].split(separator: ",").map(String.init))
        case .account:
            let field = Self.fields(text, count: 3)
            for kind in [AccountKind.operatorStaff, .partnerUser, .clientUser, nil] {
                _ = try? AccountDraft(displayName: field[0], email: field[1], kind: kind, companyReference: field[2])
            }
        case .offering:
            Self.checkOffering(Self.fields(text, count: 8))
        case .ipPrefix:
            // A normalised prefix reads back as itself, host bits cleared.
            if let prefix = IPPrefix(text) {
                precondition(IPPrefix(prefix.description) == prefix, "prefix \(prefix)")
                precondition(IPPrefix(prefix.description)?.description == prefix.description, "prefix text \(prefix)")
            }
        case .trunkNumber:
            // A number normalised to E.164 normalises to itself.
            if let numbers = try? VoiceTrunkParameters.numbers([text]) {
                precondition((try? VoiceTrunkParameters.numbers(numbers)) == numbers, "number \(numbers)")
            }
        case .quote:
            Self.checkQuote(input)
        case .bearer:
            var metadata = Metadata()
            metadata.add(Metadata.Keys.authorization, text)
            _ = metadata.bearerToken
        }
    }

    /// An offering with one characteristic made of the input (name, label, type, pattern,
    /// allowed values, bounds), then a value for it: what the form accepts must be what the
    /// characteristic allows. Text values are matched against a fixed pattern: a pattern is
    /// written by operator staff, and an arbitrary one may backtrack for as long as it likes.
    static func checkOffering(_ field: [String]) {
        let kind = Characteristic.Kind.allCases[field[2].utf8.count % Characteristic.Kind.allCases.count]
        let range: ClosedRange<Int64>? =
            if let low = Int64(field[5]), let high = Int64(field[6]), low <= high { low...high } else { nil }
        let characteristic = Characteristic(
            name: field[0], label: field[1], kind: kind, required: true,
            allowedValues: field[4].isEmpty
                ? [] : field[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init),
            pattern: kind == .text && !field[3].isEmpty ? "0[1-9][0-9]{8}" : "", range: range)
        guard
            let offering = try? OfferingDraft(
                code: "FUZZ", name: "Offre", category: .cloud, oneTimePriceCents: 0, monthlyPriceCents: 0,
                commitmentMonths: 0, noticeMonths: 0, terminationFeeCents: 0, form: [characteristic])
        else { return }
        let value = field[7]
        guard (try? offering.checkForm([characteristic.name: value])) != nil else { return }
        switch kind {
        case .choice: precondition(characteristic.allowedValues.contains(value), "a choice accepted \(value.debugDescription)")
        case .number:
            let number = Int64(value)
            precondition(
                number != nil && (range.map { $0.contains(number!) } ?? true), "a number accepted \(value.debugDescription)")
        case .boolean: precondition(value == "true" || value == "false", "a boolean accepted \(value.debugDescription)")
        case .text: precondition(value.count <= Characteristic.maximumValueLength, "a text of \(value.count) characters accepted")
        }
    }

    /// A product of a quote, then the contacts of the order: the first byte is the quantity,
    /// the next four the functions of up to four contacts (three bits each), the rest the form's
    /// values as NAME=VALUE separated by NUL. What is accepted must keep the rules: a quantity of
    /// 1 to 999, every required value present and allowed; contacts each with a function, one
    /// intervention and one delivery contact, one to three follow-up contacts.
    static func checkQuote(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        guard bytes.count >= 5 else { return }
        let form = String(decoding: bytes.dropFirst(5), as: UTF8.self).split(separator: "\u{0}").reduce(into: [String: String]())
        {
            values, pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let bandwidth = Characteristic(
            name: "bandwidth_mbps", label: "Débit", kind: .choice, required: true, allowedValues: ["100", "1000"])
        let addresses = Characteristic(name: "ip_addresses", label: "Adresses", kind: .number, range: 1...64)
        guard
            let fibre = try? OfferingDraft(
                code: "FIBRE", name: "Fibre", category: .internetAccess, oneTimePriceCents: 1, monthlyPriceCents: 1,
                commitmentMonths: 36, noticeMonths: 1, terminationFeeCents: 0, form: [bandwidth, addresses],
                needsOnSiteIntervention: true, needsEquipmentDelivery: true)
        else { preconditionFailure("the fixed offering is valid") }
        if let item = try? QuoteItemDraft(offering: fibre, siteID: 1, quantity: Int(bytes[0]) * 5, form: form) {
            precondition((1...999).contains(item.quantity), "a quantity of \(item.quantity) accepted")
            precondition(["100", "1000"].contains(item.form["bandwidth_mbps"] ?? ""), "a bandwidth accepted: \(item.form)")
            precondition(Set(item.form.keys).isSubset(of: ["bandwidth_mbps", "ip_addresses"]), "an unknown field accepted")
        }
        let contacts = bytes[1..<5].prefix { $0 & 0x80 == 0 }.map { byte in
            Set(ContactFunction.allCases.enumerated().filter { byte >> $0.offset & 1 == 1 }.map(\.element))
        }
        guard
            (try? QuoteContactRules.check(
                contacts: contacts, items: [QuoteContactRules.ItemNeeds(onSiteIntervention: true, equipmentDelivery: true)]))
                != nil
        else { return }
        precondition(contacts.allSatisfy { !$0.isEmpty }, "a contact without a function accepted")
        for function in [ContactFunction.onSiteIntervention, .equipmentDelivery] {
            precondition(contacts.filter { $0.contains(function) }.count == 1, "\(function) contacts accepted: \(contacts)")
        }
        precondition((1...3).contains(contacts.filter { $0.contains(.orderFollowUp) }.count), "follow-up contacts accepted")
    }

    /// The `count` fields of a form, separated by NUL in the input (missing ones are empty).
    static func fields(_ text: String, count: Int) -> [String] {
        let parts = text.split(separator: "\u{0}", maxSplits: count - 1, omittingEmptySubsequences: false).map(String.init)
        return parts + Array(repeating: "", count: count - parts.count)
    }

    /// Parses `text`; when it is accepted, its printed form must parse back to the same value.
    static func roundTrip<Value: Equatable & CustomStringConvertible>(_ text: String, _ parse: (String) throws -> Value) {
        guard let value = try? parse(text) else { return }
        let again = try? parse(value.description)
        precondition(again == value, "\(Value.self) accepted \(text.debugDescription) as \(value) but not its printed form")
    }

    /// Feeds the bytes to the frame decoder of a connection, in two reads.
    static func decodeFrames(_ input: UnsafeRawBufferPointer) {
        let limit = 1024
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumPayloadSize: limit)))
        defer { _ = try? channel.finish() }
        guard let first = input.first else { return }
        let stream = input.dropFirst()  // the first byte says where the stream is cut in two reads
        let cut = stream.startIndex + Int(first) % (stream.count + 1)
        for piece in [stream[..<cut], stream[cut...]] {
            var buffer = channel.allocator.buffer(capacity: piece.count)
            buffer.writeBytes(piece)
            do {
                try channel.writeInbound(buffer)
            } catch {
                return  // a header that cannot be ttrpc: the connection closes
            }
            while let frame = try? channel.readInbound(as: InboundFrame.self) {
                if case .frame(let frame) = frame {
                    precondition(frame.payload.readableBytes <= limit, "a frame over the limit was handed on")
                }
            }
        }
    }

    /// Decodes a request envelope and its metadata, as the dispatcher does.
    static func decodeEnvelope(_ data: Data) {
        guard let request = try? Ttrpc_Request(serializedBytes: data) else { return }
        let metadata = Metadata(request.metadata)
        _ = metadata.bearerToken
        _ = metadata.requestID
        _ = metadata.idempotencyKey
        _ = MethodDescriptor(service: request.service, method: request.method).description
    }
}
