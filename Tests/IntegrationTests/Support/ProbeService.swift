import Foundation
import MyOpenIPProto
import MyOpenIPRPC
import MyOpenIPServer
import Synchronization

/// Counts what the probe service's handlers went through, for tests to check from outside.
final class Probe: Sendable {
    private let counters = Mutex<[String: Int]>([:])
    private let openGates = Mutex<Set<String>>([])

    func record(_ event: String) { counters.withLock { $0[event, default: 0] += 1 } }
    func count(_ event: String) -> Int { counters.withLock { $0[event, default: 0] } }

    /// Lets every `Sleep` call that waits for `gate` return, now and later.
    func open(_ gate: String) { _ = openGates.withLock { $0.insert(gate) } }
    func isOpen(_ gate: String) -> Bool { openGates.withLock { $0.contains(gate) } }

    /// Waits until `event` was recorded at least `count` times, for up to `timeout`.
    func wait(for event: String, count: Int = 1, timeout: Duration = .seconds(5)) async -> Bool {
        let end = ContinuousClock.now.advanced(by: timeout)
        while self.count(event) < count {
            guard ContinuousClock.now < end else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

/// A service that exists only in tests, to drive the runtime: echo the call's context, sleep,
/// fail in each way, and require the operator. Requests and responses are `google.rpc.ErrorInfo`,
/// whose string map carries parameters and results.
struct ProbeService: RPCService {
    static let serviceName = "myopenip.test.ProbeService"
    static let echo = MethodDescriptor(service: serviceName, method: "Echo")
    static let sleep = MethodDescriptor(service: serviceName, method: "Sleep")
    static let stubborn = MethodDescriptor(service: serviceName, method: "Stubborn")
    static let crash = MethodDescriptor(service: serviceName, method: "Crash")
    static let refuse = MethodDescriptor(service: serviceName, method: "Refuse")
    static let operatorOnly = MethodDescriptor(service: serviceName, method: "OperatorOnly")
    static let count = MethodDescriptor(service: serviceName, method: "Count")

    /// The probe is registered by hand, not generated: its rules are given beside it.
    static let rules: [MethodDescriptor: AccessRule] = [
        echo: .public, sleep: .public, stubborn: .public, crash: .public, refuse: .public,
        operatorOnly: .operatorOnly, count: .public,
    ]

    struct SecretFailure: Error { var detail = "secret-internal-detail" }

    let probe: Probe

    func register(on router: inout RPCRouter) {
        router.registerUnary(Self.echo) { (request: Google_Rpc_ErrorInfo, context) in
            var response = Google_Rpc_ErrorInfo()
            response.reason = request.reason
            for (key, value) in context.metadata { response.metadata["md:" + key] = value }
            response.metadata["request_id"] = context.requestID
            response.metadata["principal"] = "\(context.principal)"
            response.metadata["has_deadline"] = context.deadline == nil ? "no" : "yes"
            response.metadata["peer"] = "\(context.peer)"
            return response
        }
        router.registerUnary(Self.sleep) { (request: Google_Rpc_ErrorInfo, _) in
            probe.record("sleep.started")
            let milliseconds = Int(request.metadata["ms"] ?? "0") ?? 0
            do {
                if let gate = request.metadata["gate"] {
                    probe.record("sleep.started:" + gate)
                    // Returns when the test opens the gate, or after `ms` at the latest: a test
                    // that needs calls still running does not depend on the machine's speed.
                    let end = ContinuousClock.now.advanced(by: .milliseconds(milliseconds))
                    while !probe.isOpen(gate) && ContinuousClock.now < end {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                } else {
                    try await Task.sleep(for: .milliseconds(milliseconds))
                }
            } catch {
                probe.record("sleep.cancelled")
                throw error
            }
            probe.record("sleep.finished")
            return request
        }
        router.registerUnary(Self.stubborn) { (request: Google_Rpc_ErrorInfo, _) in
            // Ignores cancellation: waits for a timer on another queue.
            probe.record("stubborn.started")
            let milliseconds = Int(request.metadata["ms"] ?? "0") ?? 0
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                    continuation.resume()
                }
            }
            probe.record("stubborn.finished")
            return request
        }
        router.registerUnary(Self.crash) { (_: Google_Rpc_ErrorInfo, _) -> Google_Rpc_ErrorInfo in
            throw SecretFailure()
        }
        router.registerUnary(Self.refuse) { (_: Google_Rpc_ErrorInfo, _) -> Google_Rpc_ErrorInfo in
            throw RPCError(
                .failedPrecondition, "Vous devez accepter les conditions d'utilisation",
                reason: "TERMS_NOT_ACCEPTED", field: "terms_version")
        }
        router.registerServerStreaming(Self.count) {
            (request: Google_Rpc_ErrorInfo, stream: ResponseStream<Google_Rpc_ErrorInfo>, _) in
            // Sends n messages numbered 1…n, `ms` apart; fails after `fail_after` of them.
            probe.record("count.started")
            let total = Int(request.metadata["n"] ?? "0") ?? 0
            let milliseconds = Int(request.metadata["ms"] ?? "0") ?? 0
            let failAfter = request.metadata["fail_after"].flatMap(Int.init)
            do {
                for index in 1...max(1, total) where total > 0 {
                    if index > 1 && milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
                    var message = Google_Rpc_ErrorInfo()
                    message.reason = "\(index)"
                    try await stream.send(message)
                    if index == failAfter {
                        throw RPCError(
                            .failedPrecondition, "arrêt demandé après \(index)", reason: "STOPPED", field: "fail_after")
                    }
                }
            } catch is CancellationError {
                probe.record("count.cancelled")
                throw CancellationError()
            }
            probe.record("count.finished")
        }
        router.registerUnary(Self.operatorOnly) { (_: Google_Rpc_ErrorInfo, context) in
            var response = Google_Rpc_ErrorInfo()
            response.metadata["principal"] = "\(context.principal)"
            return response
        }
    }
}

extension Google_Rpc_ErrorInfo {
    /// A probe request with parameters.
    static func probe(_ parameters: [String: String] = [:], reason: String = "") -> Google_Rpc_ErrorInfo {
        var request = Google_Rpc_ErrorInfo()
        request.metadata = parameters
        request.reason = reason
        return request
    }
}
