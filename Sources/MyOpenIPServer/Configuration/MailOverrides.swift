import Foundation
import MyOpenIPSMTP

/// The mail settings a config file (its `mail` object), the environment or flags may give; nil
/// leaves the value below.
public struct MailOverrides: Sendable, Hashable, Decodable {
    /// `on` or `off`.
    public var delivery: String?
    public var smtpHost: String?
    public var smtpPort: Int?
    /// `none`, `starttls` or `tls`.
    public var smtpSecurity: String?
    public var smtpUsername: String?
    /// Better in the environment (MYOPENIP_SMTP_PASSWORD) or a file than on a command line.
    public var smtpPassword: String?
    public var smtpPasswordFile: String?
    public var smtpCAFile: String?
    public var heloName: String?
    public var from: String?
    public var fromName: String?
    public var connections: Int?
    public var retryFirstMinutes: Double?
    public var retryMaxMinutes: Double?
    public var giveUpHours: Double?
    public var pollSeconds: Double?
    public var owner: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case delivery
        case smtpHost = "smtp_host"
        case smtpPort = "smtp_port"
        case smtpSecurity = "smtp_security"
        case smtpUsername = "smtp_username"
        case smtpPassword = "smtp_password"
        case smtpPasswordFile = "smtp_password_file"
        case smtpCAFile = "smtp_ca_file"
        case heloName = "helo_name"
        case from
        case fromName = "from_name"
        case connections
        case retryFirstMinutes = "retry_first_minutes"
        case retryMaxMinutes = "retry_max_minutes"
        case giveUpHours = "give_up_hours"
        case pollSeconds = "poll_seconds"
        case owner
    }

    /// The overrides named by `MYOPENIP_MAIL_*` and `MYOPENIP_SMTP_*` environment variables.
    static func environment(_ environment: [String: String]) throws -> MailOverrides {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        func number<T: LosslessStringConvertible>(_ name: String, _: T.Type) throws -> T? {
            guard let text = value(name) else { return nil }
            guard let number = T(text) else { throw ConfigurationError("\(name)=\(text) is not a number") }
            return number
        }
        var overrides = MailOverrides()
        overrides.delivery = value("MYOPENIP_MAIL_DELIVERY")
        overrides.smtpHost = value("MYOPENIP_SMTP_HOST")
        overrides.smtpPort = try number("MYOPENIP_SMTP_PORT", Int.self)
        overrides.smtpSecurity = value("MYOPENIP_SMTP_SECURITY")
        overrides.smtpUsername = value("MYOPENIP_SMTP_USERNAME")
        overrides.smtpPassword = value("MYOPENIP_SMTP_PASSWORD")
        overrides.smtpPasswordFile = value("MYOPENIP_SMTP_PASSWORD_FILE")
        overrides.smtpCAFile = value("MYOPENIP_SMTP_CA_FILE")
        overrides.heloName = value("MYOPENIP_SMTP_HELO_NAME")
        overrides.from = value("MYOPENIP_MAIL_FROM")
        overrides.fromName = value("MYOPENIP_MAIL_FROM_NAME")
        overrides.connections = try number("MYOPENIP_MAIL_CONNECTIONS", Int.self)
        overrides.retryFirstMinutes = try number("MYOPENIP_MAIL_RETRY_FIRST_MINUTES", Double.self)
        overrides.retryMaxMinutes = try number("MYOPENIP_MAIL_RETRY_MAX_MINUTES", Double.self)
        overrides.giveUpHours = try number("MYOPENIP_MAIL_GIVE_UP_HOURS", Double.self)
        overrides.pollSeconds = try number("MYOPENIP_MAIL_POLL_SECONDS", Double.self)
        overrides.owner = value("MYOPENIP_MAIL_OWNER")
        return overrides
    }
}

extension MailSettings {
    /// Applies overrides on top of these settings.
    public mutating func apply(_ overrides: MailOverrides) throws {
        func duration(_ value: Double?, unit: Double, _ range: ClosedRange<Double>, _ name: String) throws -> Duration? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw ConfigurationError("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
            }
            return .milliseconds(Int64(value * unit * 1000))
        }
        if let delivery = overrides.delivery {
            guard ["on", "off"].contains(delivery) else { throw ConfigurationError("mail delivery must be on or off") }
            self.delivery = delivery == "on"
        }
        if let host = overrides.smtpHost {
            guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
                throw ConfigurationError("smtp_host \"\(host)\" is not a host name or address")
            }
            smtp.host = host
        }
        if let port = overrides.smtpPort {
            guard (1...65535).contains(port) else { throw ConfigurationError("smtp_port must be between 1 and 65535") }
            smtp.port = port
        }
        if let security = overrides.smtpSecurity {
            guard let parsed = SMTPSettings.Security(rawValue: security) else {
                throw ConfigurationError("smtp_security \"\(security)\" is not none, starttls or tls")
            }
            smtp.security = parsed
        }
        if let username = overrides.smtpUsername { smtp.username = username }
        if let password = overrides.smtpPassword { smtp.password = password }
        if let path = overrides.smtpPasswordFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("cannot read the SMTP password file \(path)")
            }
            smtp.password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        if let caFile = overrides.smtpCAFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw ConfigurationError("cannot read the SMTP CA file \(caFile)")
            }
            smtp.caFile = caFile
        }
        if let name = overrides.heloName {
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError("helo_name \"\(name)\" is not a host name")
            }
            smtp.heloName = name
        }
        if let from = overrides.from {
            let parts = from.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                from.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != ">" })
            else { throw ConfigurationError("mail_from \"\(from)\" is not an e-mail address") }
            self.from = from
        }
        if let name = overrides.fromName { fromName = name }
        if let connections = overrides.connections {
            guard (1...64).contains(connections) else { throw ConfigurationError("mail connections must be between 1 and 64") }
            self.connections = connections
        }
        if let first = try duration(overrides.retryFirstMinutes, unit: 60, 0.001...1440, "retry_first_minutes") {
            retry.firstDelay = first
        }
        if let maximum = try duration(overrides.retryMaxMinutes, unit: 60, 0.001...1440, "retry_max_minutes") {
            retry.maximumDelay = maximum
        }
        if let giveUp = try duration(overrides.giveUpHours, unit: 3600, 0.001...720, "give_up_hours") {
            retry.giveUpAfter = giveUp
        }
        if let poll = try duration(overrides.pollSeconds, unit: 1, 0.01...3600, "poll_seconds") { pollInterval = poll }
        if let owner = overrides.owner {
            guard !owner.isEmpty else { throw ConfigurationError("the mail owner name cannot be empty") }
            self.owner = owner
        }
    }
}
