/// How the daemon reaches its mail relay.
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Plain text (a relay on the same machine).
        case none
        /// Plain text, then TLS after `STARTTLS` (RFC 3207), usually on port 587 or 25.
        case starttls
        /// TLS from the first byte (RFC 8314), usually on port 465.
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// AUTH PLAIN or LOGIN with these, when both are set.
    public var username: String?
    public var password: String?
    /// A PEM file of the certificates that sign the relay's, instead of the system's.
    public var caFile: String?
    /// The name the daemon gives in EHLO.
    public var heloName: String
    /// Limits of a connection's steps (RFC 5321 §4.5.3.2 gives minimums of minutes; a relay on
    /// the same network answers in milliseconds).
    public var connectTimeout: Duration
    public var commandTimeout: Duration
    /// The wait for the reply to the end of the data, when the relay takes the mail.
    public var dataTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 25, security: Security = .none, username: String? = nil,
        password: String? = nil, caFile: String? = nil, heloName: String = "localhost",
        connectTimeout: Duration = .seconds(30), commandTimeout: Duration = .seconds(120),
        dataTimeout: Duration = .seconds(300)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.dataTimeout = dataTimeout
    }
}

extension SMTPSettings {
    /// The name TLS sends (SNI) and checks the certificate against; nil for an address, which is
    /// checked against the certificate's IP addresses.
    var tlsServerName: String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}

extension SMTPSettings: CustomStringConvertible {
    /// Where and how, without the password.
    public var description: String {
        "\(security.rawValue)://\(username.map { "\($0)@" } ?? "")\(host):\(port)"
    }
}
