import MyOpenIPDomain

/// Why a conversation with the mail relay stopped.
public enum SMTPFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The relay answered a command with a negative reply.
    case reply(SMTPReply, command: String)
    /// The connection could not be made, or was lost.
    case connection(String)
    /// No reply came in time.
    case timeout(command: String)
    /// The relay spoke something that is not SMTP, or lacks what the settings require.
    case protocolViolation(String)

    /// A 5xx reply: sending the same again will fail the same way.
    public var isPermanent: Bool {
        if case .reply(let reply, _) = self { return reply.isPermanent }
        return false
    }

    public var description: String {
        switch self {
        case .reply(let reply, let command): "\(reply) (after \(command))"
        case .connection(let reason): "connection: \(reason)"
        case .timeout(let command): "no reply in time (after \(command))"
        case .protocolViolation(let reason): "protocol: \(reason)"
        }
    }

    /// The attempt's outcome this failure makes.
    public var outcome: MailAttemptOutcome {
        if case .reply(let reply, _) = self, reply.isPermanent { return .refused(reply) }
        return .deferred(description)
    }
}
