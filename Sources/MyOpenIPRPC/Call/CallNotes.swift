import Foundation
import SwiftProtobuf
import Synchronization

/// What the interceptors learn of a call on its way in (who called), for those that report
/// the call on its way out (the call's log line, its metrics): the context is a value each
/// interceptor refines for the next one, so what an inner one learns travels back here.
public final class CallNotes: Sendable {
    private let callerKind = Mutex<String>(Principal.anonymous.kind)
    private let prepared = Mutex<(message: any SwiftProtobuf.Message, payload: Data)?>(nil)

    public init() {}

    /// The caller's kind once authenticated (``Principal/kind``); `anonymous` before.
    public var caller: String {
        get { callerKind.withLock { $0 } }
        set { callerKind.withLock { $0 = newValue } }
    }

    /// Says that `message`, which the handler is about to answer, is already serialized as
    /// `payload` (a keyed write made it in its transaction): the router sends those bytes
    /// instead of serializing the message again.
    public func prepare(_ message: any SwiftProtobuf.Message, serializedAs payload: Data) {
        prepared.withLock { $0 = (message, payload) }
    }

    /// The bytes prepared for `response`, if the handler answers the very message prepared.
    func preparedPayload(for response: some SwiftProtobuf.Message) -> Data? {
        guard let prepared = prepared.withLock({ $0 }), response.isEqualTo(message: prepared.message) else { return nil }
        return prepared.payload
    }
}

extension Principal {
    /// The kind of caller, bounded for logs and metric labels: `anonymous`, `operator_process`,
    /// `operator_staff` or `company_user`. Never a login or an id.
    public var kind: String {
        switch self {
        case .anonymous: "anonymous"
        case .operatorProcess: "operator_process"
        case .session(let identity): identity.isOperatorStaff ? "operator_staff" : "company_user"
        }
    }
}
