import ArgumentParser
import Foundation
import MyOpenIPClient
import MyOpenIPDomain

/// The life of an order from the command line: operator staff name the pilot and advance the
/// delivery; the client cancels; anyone who may see the order watches it.
extension OrderCommand {
    struct AssignPilot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign-pilot", abstract: "Operator staff: name who pilots the order's delivery (--none for Aucun).")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The order's reference (COM00025).") var reference: String
        @Argument(help: "An operator staff login.") var login: String = ""
        @Flag(help: "No pilot (« Aucun »).") var none = false

        func validate() throws {
            guard login.isEmpty == none else { throw ValidationError("give a staff login, or --none") }
        }

        func run() async throws {
            let order = try await connection.withClient { client in
                try await client.delivery.assignPilot(order: reference, login: login)
            }
            connection.json
                ? Output.printMessage(order) : print("\(order.reference): pilote \(order.pilot.isEmpty ? "Aucun" : order.pilot)")
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator staff: move the order (in-progress, held, pending, rejected), one of its offers "
                + "(--offer OC… pending-active, active, suspended, failed, terminated), or mark its point of no return.")

        @OptionGroup var connection: WriteOptions
        @Argument(help: "The order's reference (COM00025).") var reference: String
        @Argument(help: "The state to move to.") var target: String?
        @Option(help: "Move this contracted offer of the order instead (OC40482).") var offer: String?
        @Option(help: "For an offer made active: the day it was delivered (YYYY-MM-DD; today by default).")
        var deliveredOn: String = ""
        @Flag(help: "Mark the point of no return: the client can no longer cancel.") var pointOfNoReturn = false
        @Option(help: "Why (kept in the history and mailed).") var reason: String = ""

        func validate() throws {
            if pointOfNoReturn {
                guard target == nil, offer == nil else {
                    throw ValidationError("--point-of-no-return takes no state nor --offer")
                }
            } else {
                guard let target else { throw ValidationError("give the state to move to") }
                if offer == nil {
                    guard OrderTarget(rawValue: target) != nil else {
                        throw ValidationError("an order moves to in-progress, held, pending or rejected")
                    }
                } else {
                    guard OfferTarget(rawValue: target) != nil else {
                        throw ValidationError("an offer moves to pending-active, active, suspended, failed or terminated")
                    }
                }
            }
        }

        func run() async throws {
            let order = try await connection.withClient { client -> Myopenip_V1_Order in
                if pointOfNoReturn { return try await client.delivery.markPointOfNoReturn(order: reference, reason: reason) }
                if let offer {
                    let current = try await client.orders.get(reference: reference)
                    guard current.items.contains(where: { $0.contractedOfferReference == offer }) else {
                        throw CommandFailure.usage("\(offer) is not an offer of \(reference)")
                    }
                    return try await client.delivery.advance(
                        offer: offer, to: OfferTarget(rawValue: target ?? "")!.proto, deliveredOn: deliveredOn, reason: reason)
                }
                return try await client.delivery.advance(
                    order: reference, to: OrderTarget(rawValue: target ?? "")!.proto, reason: reason)
            }
            connection.json ? Output.printMessage(order) : QuoteOutput.print(order)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel the order, or some of its offers, before the point of no return (« Commande annulée (client) »).")

        @OptionGroup var connection: WriteOptions
        @OptionGroup var confirmation: ConfirmationFlag
        @Argument(help: "The order's reference (COM00025).") var reference: String
        @Option(help: "Only this offer of the order (repeatable).") var offer: [String] = []
        @Option(help: "Why.") var reason: String = ""

        func run() async throws {
            let what = offer.isEmpty ? "the order \(reference)" : offer.joined(separator: ", ") + " of \(reference)"
            try Confirmation.require("Cancel \(what)?", yes: confirmation.yes)
            let order = try await connection.withClient { client in
                try await client.orders.cancel(reference: reference, offers: offer, reason: reason)
            }
            connection.json ? Output.printMessage(order) : QuoteOutput.print(order)
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the changes of an order (or of a company's orders) as they happen, until interrupted.")

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The order's reference (COM00025); none with --company or for every order you may see.")
        var reference: String = ""
        @Option(help: "The orders of this company (OIP-…).") var company: String = ""

        func run() async throws {
            try await connection.withClient(timeout: nil) { client in
                for try await change in try await client.orders.watch(order: reference, companyReference: company) {
                    if connection.json {
                        Output.printJSON(Output.jsonObject(change), pretty: false)
                    } else {
                        print(Self.line(change))
                    }
                    Output.flush()  // each change goes out as it happens, even into a pipe
                }
            }
        }

        static func line(_ change: Myopenip_V1_OrderChange) -> String {
            var parts = [change.at.shown, change.orderReference]
            if change.current {
                parts.append("état actuel : \(change.orderStateLabel)")
            } else if change.offerReference.isEmpty {
                parts.append("commande : \(change.orderStateLabel)")
            } else {
                parts.append("\(change.offerReference) : \(change.offerFromState.label) → \(change.offerStateLabel)")
                parts.append("(commande : \(change.orderStateLabel))")
            }
            if !change.pilot.isEmpty { parts.append("pilote \(change.pilot)") }
            if change.pointOfNoReturn { parts.append("[point de non-retour]") }
            if !change.actor.isEmpty { parts.append("par \(change.actor)") }
            if !change.reason.isEmpty { parts.append("— \(change.reason)") }
            return parts.joined(separator: "  ")
        }
    }
}

/// The states operator staff move an order to.
enum OrderTarget: String, CaseIterable {
    case inProgress = "in-progress"
    case held
    case pending
    case rejected

    var proto: Myopenip_V1_OrderState {
        switch self {
        case .inProgress: .inProgress
        case .held: .held
        case .pending: .pending
        case .rejected: .rejected
        }
    }
}

/// The states operator staff move a contracted offer to; `failed` is a cancellation because
/// delivery failed.
enum OfferTarget: String, CaseIterable {
    case pendingActive = "pending-active"
    case active
    case suspended
    case failed
    case terminated

    var proto: Myopenip_V1_ContractedOfferState {
        switch self {
        case .pendingActive: .pendingActive
        case .active: .active
        case .suspended: .suspended
        case .failed: .cancelled
        case .terminated: .terminated
        }
    }
}
