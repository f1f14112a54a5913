import Foundation
import Logging
import MyOpenIPRPC
import MyOpenIPSMTP
import MyOpenIPStore
import MyOpenIPTransport

/// Everything a daemon needs to start, resolved from, in rising order of precedence: the
/// embedded defaults, an optional JSON config file, the environment, and command-line flags.
public struct DaemonConfiguration: Sendable, Hashable {
    /// The folder of the database and, by default, of the socket.
    public var dataDirectory: String
    /// The Unix socket path, or nil not to listen on one.
    public var socketPath: String?
    /// The TCP address, or nil not to listen on TCP.
    public var tcp: RPCServerConfiguration.TCPListener?
    /// The largest frame payload accepted, in bytes.
    public var maximumMessageSize: Int
    /// How long in-flight calls may finish after SIGTERM.
    public var gracePeriod: Duration
    /// Calls one connection may have in flight.
    public var maximumCallsPerConnection: Int
    /// What connections may hold: anonymous peers' limits, idle timeouts, unread answers, the
    /// number of connections (see ``RPCServerConfiguration``).
    public var connections: ConnectionSettings
    public var logLevel: Logger.Level
    /// Text lines for people, or one JSON object a line for log shippers.
    public var logFormat: LogFormat = .text
    /// The loopback port of the Prometheus metrics endpoint (0: any free one), or nil: off.
    public var metricsPort: Int?
    /// The uids whose Unix-socket calls are the operator's.
    public var operatorUIDs: Set<UInt32>
    /// Sessions, password links, lockout and the portal's address.
    public var identity: IdentitySettings
    /// How mails leave: the relay, the sender, retries.
    public var mail: MailSettings
    /// How long quotes stay valid.
    public var ordering = OrderingSettings()
    /// The seller's identity on invoices and the payment terms.
    public var billing = BillingSettings.defaults
    /// The folder of the fonts of billing documents (DejaVu Sans, Debian's fonts-dejavu-core).
    public var billingFonts = "/usr/share/fonts/truetype/dejavu"

    /// The embedded defaults for this process and environment.
    public static func defaults(environment: [String: String] = ProcessInfo.processInfo.environment) -> DaemonConfiguration {
        let data = DefaultEndpoints.dataDirectory(environment: environment)
        return DaemonConfiguration(
            dataDirectory: data,
            socketPath: DefaultEndpoints.socketPath(inDataDirectory: data),
            tcp: .init(host: DefaultEndpoints.tcpHost, port: DefaultEndpoints.tcpPort),
            maximumMessageSize: FrameHeader.defaultMaximumPayloadSize,
            gracePeriod: .seconds(10),
            maximumCallsPerConnection: 1024,
            connections: ConnectionSettings(),
            logLevel: .info,
            operatorUIDs: [0, getuid()],
            identity: IdentitySettings(),
            mail: MailSettings(smtp: SMTPSettings(heloName: hostName), owner: hostName))
    }

    /// The settings that a config file, the environment or flags may give; nil leaves the value below.
    public struct Overrides: Sendable, Hashable, Decodable {
        public var dataDirectory: String?
        public var socket: String?
        public var listen: String?
        public var maxMessageBytes: Int?
        public var graceSeconds: Double?
        public var maxCallsPerConnection: Int?
        public var maxConnections: Int?
        public var anonymousMaxCallsPerConnection: Int?
        public var maxUnreadBytes: Int?
        public var anonymousMaxUnreadBytes: Int?
        public var idleTimeoutSeconds: Double?
        public var anonymousIdleTimeoutSeconds: Double?
        public var stalledReaderSeconds: Double?
        public var failedLoginsPerAddress: Int?
        public var logLevel: String?
        public var logFormat: String?
        public var metricsPort: Int?
        public var operatorUIDs: [UInt32]?
        public var sessionIdleMinutes: Double?
        public var sessionMaxHours: Double?
        public var passwordLinkHours: Double?
        public var lockoutThreshold: Int?
        public var portalURL: String?
        public var scryptLogRounds: Int?
        public var quoteValidityDays: Int?
        /// The `mail` object of a config file, or the mail variables and flags.
        public var mail: MailOverrides?
        /// The `billing` object of a config file, or the billing variables.
        public var billing: BillingOverrides?

        public init(
            dataDirectory: String? = nil, socket: String? = nil, listen: String? = nil,
            maxMessageBytes: Int? = nil, graceSeconds: Double? = nil, maxCallsPerConnection: Int? = nil,
            logLevel: String? = nil,
            operatorUIDs: [UInt32]? = nil,
            sessionIdleMinutes: Double? = nil, sessionMaxHours: Double? = nil, passwordLinkHours: Double? = nil,
            lockoutThreshold: Int? = nil, portalURL: String? = nil, scryptLogRounds: Int? = nil
        ) {
            self.scryptLogRounds = scryptLogRounds
            self.sessionIdleMinutes = sessionIdleMinutes
            self.sessionMaxHours = sessionMaxHours
            self.passwordLinkHours = passwordLinkHours
            self.lockoutThreshold = lockoutThreshold
            self.portalURL = portalURL
            self.dataDirectory = dataDirectory
            self.socket = socket
            self.listen = listen
            self.maxMessageBytes = maxMessageBytes
            self.graceSeconds = graceSeconds
            self.maxCallsPerConnection = maxCallsPerConnection
            self.logLevel = logLevel
            self.operatorUIDs = operatorUIDs
        }

        enum CodingKeys: String, CodingKey {
            case dataDirectory = "data_dir"
            case socket, listen
            case maxMessageBytes = "max_message_bytes"
            case graceSeconds = "grace_seconds"
            case maxCallsPerConnection = "max_calls_per_connection"
            case maxConnections = "max_connections"
            case anonymousMaxCallsPerConnection = "anonymous_max_calls_per_connection"
            case maxUnreadBytes = "max_unread_bytes"
            case anonymousMaxUnreadBytes = "anonymous_max_unread_bytes"
            case idleTimeoutSeconds = "idle_timeout_seconds"
            case anonymousIdleTimeoutSeconds = "anonymous_idle_timeout_seconds"
            case stalledReaderSeconds = "stalled_reader_seconds"
            case failedLoginsPerAddress = "failed_logins_per_address"
            case logLevel = "log_level"
            case logFormat = "log_format"
            case metricsPort = "metrics_port"
            case operatorUIDs = "operator_uids"
            case sessionIdleMinutes = "session_idle_minutes"
            case sessionMaxHours = "session_max_hours"
            case passwordLinkHours = "password_link_hours"
            case lockoutThreshold = "lockout_threshold"
            case portalURL = "portal_url"
            case scryptLogRounds = "scrypt_log_rounds"
            case quoteValidityDays = "quote_validity_days"
            case mail
            case billing
        }

        /// The overrides named by `MYOPENIP_*` environment variables.
        public static func environment(_ environment: [String: String]) throws -> Overrides {
            func value(_ name: String) -> String? {
                guard let value = environment[name], !value.isEmpty else { return nil }
                return value
            }
            func number<T: LosslessStringConvertible>(_ name: String, _: T.Type) throws -> T? {
                guard let text = value(name) else { return nil }
                guard let number = T(text) else { throw ConfigurationError("\(name)=\(text) is not a number") }
                return number
            }
            var overrides = Overrides(
                dataDirectory: value("MYOPENIP_DATA_DIR"),
                socket: value("MYOPENIP_SOCKET"),
                listen: value("MYOPENIP_LISTEN"),
                maxMessageBytes: try number("MYOPENIP_MAX_MESSAGE_BYTES", Int.self),
                graceSeconds: try number("MYOPENIP_GRACE_SECONDS", Double.self),
                maxCallsPerConnection: try number("MYOPENIP_MAX_CALLS_PER_CONNECTION", Int.self),
                logLevel: value("MYOPENIP_LOG_LEVEL"),
                operatorUIDs: try value("MYOPENIP_OPERATOR_UIDS").map { list in
                    try list.split(separator: ",").map { item in
                        guard let uid = UInt32(item.trimmingCharacters(in: .whitespaces)) else {
                            throw ConfigurationError("MYOPENIP_OPERATOR_UIDS=\(list) is not a list of uids")
                        }
                        return uid
                    }
                },
                sessionIdleMinutes: try number("MYOPENIP_SESSION_IDLE_MINUTES", Double.self),
                sessionMaxHours: try number("MYOPENIP_SESSION_MAX_HOURS", Double.self),
                passwordLinkHours: try number("MYOPENIP_PASSWORD_LINK_HOURS", Double.self),
                lockoutThreshold: try number("MYOPENIP_LOCKOUT_THRESHOLD", Int.self),
                portalURL: value("MYOPENIP_PORTAL_URL"),
                scryptLogRounds: try number("MYOPENIP_SCRYPT_LOG_ROUNDS", Int.self))
            overrides.maxConnections = try number("MYOPENIP_MAX_CONNECTIONS", Int.self)
            overrides.logFormat = value("MYOPENIP_LOG_FORMAT")
            overrides.metricsPort = try number("MYOPENIP_METRICS_PORT", Int.self)
            overrides.anonymousMaxCallsPerConnection = try number("MYOPENIP_ANONYMOUS_MAX_CALLS_PER_CONNECTION", Int.self)
            overrides.maxUnreadBytes = try number("MYOPENIP_MAX_UNREAD_BYTES", Int.self)
            overrides.anonymousMaxUnreadBytes = try number("MYOPENIP_ANONYMOUS_MAX_UNREAD_BYTES", Int.self)
            overrides.idleTimeoutSeconds = try number("MYOPENIP_IDLE_TIMEOUT_SECONDS", Double.self)
            overrides.anonymousIdleTimeoutSeconds = try number("MYOPENIP_ANONYMOUS_IDLE_TIMEOUT_SECONDS", Double.self)
            overrides.stalledReaderSeconds = try number("MYOPENIP_STALLED_READER_SECONDS", Double.self)
            overrides.failedLoginsPerAddress = try number("MYOPENIP_FAILED_LOGINS_PER_ADDRESS", Int.self)
            overrides.quoteValidityDays = try number("MYOPENIP_QUOTE_VALIDITY_DAYS", Int.self)
            overrides.mail = try MailOverrides.environment(environment)
            overrides.billing = try BillingOverrides.environment(environment)
            return overrides
        }

        /// The overrides of a JSON config file.
        public static func file(at path: String) throws -> Overrides {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("cannot read the config file \(path)")
            }
            do {
                return try JSONDecoder().decode(Overrides.self, from: data)
            } catch {
                throw ConfigurationError("the config file \(path) is not valid: \(error)")
            }
        }
    }

    /// Applies overrides on top of this configuration. A socket or listen value of "off" disables
    /// it; ``validate()`` then checks the result.
    public mutating func apply(_ overrides: Overrides) throws {
        if let folder = overrides.dataDirectory {
            // The socket follows the data folder unless it was set on its own.
            if socketPath == DefaultEndpoints.socketPath(inDataDirectory: dataDirectory) {
                socketPath = DefaultEndpoints.socketPath(inDataDirectory: folder)
            }
            dataDirectory = folder
        }
        if let socket = overrides.socket { socketPath = socket == "off" ? nil : socket }
        if let listen = overrides.listen {
            if listen == "off" {
                tcp = nil
            } else {
                guard case .tcp(let host, let port)? = ConnectionTarget(parsing: listen) else {
                    throw ConfigurationError("listen address \"\(listen)\" is not HOST:PORT or off")
                }
                tcp = .init(host: host, port: port)
            }
        }
        if let size = overrides.maxMessageBytes {
            guard (1024...(16 << 20) - 1).contains(size) else {
                throw ConfigurationError("the maximum message size must be between 1024 bytes and 16 MiB")
            }
            maximumMessageSize = size
        }
        if let seconds = overrides.graceSeconds {
            guard seconds >= 0, seconds <= 3600 else { throw ConfigurationError("the grace period must be 0 to 3600 seconds") }
            gracePeriod = .milliseconds(Int64(seconds * 1000))
        }
        if let calls = overrides.maxCallsPerConnection {
            guard (1...1_000_000).contains(calls) else {
                throw ConfigurationError("the maximum of calls per connection must be between 1 and 1000000")
            }
            maximumCallsPerConnection = calls
        }
        try connections.apply(overrides)
        if let level = overrides.logLevel {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError("unknown log level \"\(level)\" (trace, debug, info, notice, warning, error, critical)")
            }
            logLevel = parsed
        }
        if let format = overrides.logFormat {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ConfigurationError("unknown log format \"\(format)\" (text, json)")
            }
            logFormat = parsed
        }
        if let port = overrides.metricsPort {
            guard (0...65_535).contains(port) else { throw ConfigurationError("metrics_port must be between 0 and 65535") }
            metricsPort = port
        }
        if let uids = overrides.operatorUIDs { operatorUIDs = Set(uids) }
        try applyIdentity(overrides)
        if let mail = overrides.mail { try self.mail.apply(mail) }
        if let billing = overrides.billing { try self.billing.apply(billing) }
        if let days = overrides.quoteValidityDays {
            guard (1...365).contains(days) else { throw ConfigurationError("quote_validity_days must be between 1 and 365") }
            ordering.quoteValidity = .seconds(Int64(days) * 86_400)
        }
    }

    private mutating func applyIdentity(_ overrides: Overrides) throws {
        func duration(_ value: Double, unit: Double, range: ClosedRange<Double>, _ name: String) throws -> Duration {
            guard range.contains(value) else {
                throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
            }
            return .milliseconds(Int64(value * unit * 1000))
        }
        if let minutes = overrides.sessionIdleMinutes {
            identity.sessions.idleTimeout = try duration(minutes, unit: 60, range: 1...1440, "session_idle_minutes")
        }
        if let hours = overrides.sessionMaxHours {
            identity.sessions.maximumLifetime = try duration(hours, unit: 3600, range: 0.1...720, "session_max_hours")
        }
        if let hours = overrides.passwordLinkHours {
            identity.passwordLinkLifetime = try duration(hours, unit: 3600, range: 0.1...720, "password_link_hours")
        }
        if let threshold = overrides.lockoutThreshold {
            guard (1...100).contains(threshold) else { throw ConfigurationError("lockout_threshold must be between 1 and 100") }
            identity.lockout.threshold = threshold
        }
        if let count = overrides.failedLoginsPerAddress {
            guard (1...100_000).contains(count) else {
                throw ConfigurationError("failed_logins_per_address must be between 1 and 100000")
            }
            identity.failedLoginsPerAddress = count
        }
        if let rounds = overrides.scryptLogRounds {
            guard (10...20).contains(rounds) else {
                throw ConfigurationError("scrypt_log_rounds must be between 10 and 20 (N = 2^rounds; 15 by default)")
            }
            identity.passwordHashing = PasswordHasher.Parameters(logRounds: rounds)
        }
        if let url = overrides.portalURL {
            guard let parsed = URL(string: url), ["https", "http"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ConfigurationError("portal_url \"\(url)\" is not an http(s) address")
            }
            identity.portalURL = url
        }
    }

    /// Checks what no single layer can: the resolved configuration listens somewhere.
    public func validate() throws {
        if socketPath == nil && tcp == nil {
            throw ConfigurationError("the daemon must listen somewhere: both the socket and TCP are off")
        }
        if mail.smtp.username != nil && mail.smtp.password == nil {
            throw ConfigurationError("smtp_username is set but no password (MYOPENIP_SMTP_PASSWORD or smtp_password_file)")
        }
    }

    /// Resolves defaults, then the config file (`configFile`, else `$MYOPENIP_CONFIG`), then the
    /// environment, then the flags.
    public static func resolve(
        flags: Overrides, configFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> DaemonConfiguration {
        // MYOPENIP_* variables are applied after the file, so the defaults see only the home folders.
        var configuration = defaults(environment: environment.filter { ["HOME", "XDG_STATE_HOME"].contains($0.key) })
        if let path = configFile ?? environment["MYOPENIP_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            try configuration.apply(.file(at: path))
        }
        try configuration.apply(.environment(environment))
        try configuration.apply(flags)
        try configuration.validate()
        return configuration
    }

    /// The server settings of this configuration.
    public var serverConfiguration: RPCServerConfiguration {
        var configuration = RPCServerConfiguration(
            unix: socketPath.map { .init(path: $0) },
            tcp: tcp,
            maximumPayloadSize: maximumMessageSize,
            gracePeriod: gracePeriod,
            maximumCallsPerConnection: maximumCallsPerConnection,
            anonymous: connections.anonymous,
            maximumConnections: connections.maximumConnections,
            stalledReaderTimeout: connections.stalledReaderTimeout,
            operatorUIDs: operatorUIDs)
        configuration.trusted.maximumUnwrittenBytes = connections.maximumUnreadBytes
        configuration.trusted.idleTimeout = connections.idleTimeout
        return configuration
    }
}

/// This machine's name, for EHLO and the mail sender's claims.
private var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "localhost" : name
}

/// A configuration value that cannot be used, with a message for the operator.
public struct ConfigurationError: Error, CustomStringConvertible, Hashable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
