import ArgumentParser
import Foundation
import Logging
import MyOpenIPDomain
import MyOpenIPRPC
import MyOpenIPServer
import NIOPosix
import ServiceLifecycle

/// `myopenipd`: the MyOpenIP daemon.
@main
struct MyOpenIPDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myopenipd",
        abstract: "The MyOpenIP daemon: ttrpc services over a Unix socket and TCP, on SQLite.",
        discussion: """
            Settings come from, in rising precedence: embedded defaults, a JSON config file \
            (--config or MYOPENIP_CONFIG), MYOPENIP_* environment variables, and these flags. \
            SIGTERM or SIGINT stops accepting, lets calls in flight finish within the grace \
            period, and exits 0.
            """,
        version: MyOpenIPVersion.current)

    @Option(
        name: .long,
        help:
            "A JSON config file (keys: data_dir, socket, listen, max_message_bytes, grace_seconds, max_calls_per_connection, max_connections, anonymous_max_calls_per_connection, max_unread_bytes, anonymous_max_unread_bytes, idle_timeout_seconds, anonymous_idle_timeout_seconds, stalled_reader_seconds, log_level, operator_uids, session_idle_minutes, session_max_hours, password_link_hours, lockout_threshold, portal_url, scrypt_log_rounds, quote_validity_days; and a mail object: delivery, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password, smtp_password_file, smtp_ca_file, helo_name, from, from_name, connections, retry_first_minutes, retry_max_minutes, give_up_hours, poll_seconds, owner)."
    )
    var config: String?

    @Option(name: .long, help: "The data folder (database, default socket). Env: MYOPENIP_DATA_DIR.")
    var dataDir: String?

    @Option(name: .long, help: "The Unix socket path, or 'off'. Env: MYOPENIP_SOCKET.")
    var socket: String?

    @Option(name: .long, help: "The TCP address HOST:PORT (port 0 picks a free one), or 'off'. Env: MYOPENIP_LISTEN.")
    var listen: String?

    @Option(name: .long, help: "The largest message accepted, in bytes. Env: MYOPENIP_MAX_MESSAGE_BYTES.")
    var maxMessageBytes: Int?

    @Option(name: .long, help: "Seconds that calls in flight may run on after SIGTERM. Env: MYOPENIP_GRACE_SECONDS.")
    var graceSeconds: Double?

    @Option(name: .long, help: "Calls one connection may have in flight. Env: MYOPENIP_MAX_CALLS_PER_CONNECTION.")
    var maxCallsPerConnection: Int?

    @Option(name: .long, help: "Connections open at once (the operator keeps a reserve of 32). Env: MYOPENIP_MAX_CONNECTIONS.")
    var maxConnections: Int?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical. Env: MYOPENIP_LOG_LEVEL.")
    var logLevel: String?

    @Option(name: .long, help: "text (the default) or json: one JSON object a line. Env: MYOPENIP_LOG_FORMAT.")
    var logFormat: String?

    @Option(
        name: .long,
        help:
            "Serve Prometheus metrics on 127.0.0.1:PORT at /metrics (0 picks a free port; off by default). Env: MYOPENIP_METRICS_PORT."
    )
    var metricsPort: Int?

    @Option(name: .long, help: "Comma-separated uids whose Unix-socket calls are the operator's. Env: MYOPENIP_OPERATOR_UIDS.")
    var operatorUids: String?

    @Option(name: .long, help: "Write the listening addresses as JSON to this file once ready.")
    var readyFile: String?

    @Option(
        name: .long, help: "on (the default) or off: whether this daemon sends the outbox's mails. Env: MYOPENIP_MAIL_DELIVERY.")
    var mailDelivery: String?

    @Option(name: .long, help: "The mail relay's host (127.0.0.1 by default). Env: MYOPENIP_SMTP_HOST.")
    var smtpHost: String?

    @Option(name: .long, help: "The mail relay's port (25 by default). Env: MYOPENIP_SMTP_PORT.")
    var smtpPort: Int?

    @Option(name: .long, help: "none (the default), starttls or tls. Env: MYOPENIP_SMTP_SECURITY.")
    var smtpSecurity: String?

    @Option(name: .long, help: "AUTH with this user name. Env: MYOPENIP_SMTP_USERNAME.")
    var smtpUsername: String?

    @Option(name: .long, help: "A file holding the AUTH password. Env: MYOPENIP_SMTP_PASSWORD_FILE or MYOPENIP_SMTP_PASSWORD.")
    var smtpPasswordFile: String?

    @Option(name: .long, help: "A PEM file of the certificates that sign the relay's. Env: MYOPENIP_SMTP_CA_FILE.")
    var smtpCaFile: String?

    @Option(name: .long, help: "The address mails come from. Env: MYOPENIP_MAIL_FROM.")
    var mailFrom: String?

    @Option(name: .long, help: "Connections to the relay used at once (1 by default). Env: MYOPENIP_MAIL_CONNECTIONS.")
    var mailConnections: Int?

    @Option(
        name: .long,
        help: "Restore this copy (from myopenipctl backup) as the data folder's database, with the daemon stopped, and exit.")
    var restore: String?

    mutating func run() async throws {
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.resolve(flags: try flagOverrides(), configFile: config)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        if let restore {
            do {
                print(try DatabaseRestore.run(source: restore, configuration: configuration))
                return
            } catch {
                FileHandle.standardError.write(Data("myopenipd: cannot restore: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let logger = Logger(label: "myopenipd")

        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        // The daemon is a service whose own group runs its server and background work; the
        // ready file is written once the server listens.
        var services: [any Service] = [daemon]
        if let readyFile {
            services.append(
                ReadyFileService(path: readyFile, server: daemon.server, metrics: daemon.metricsEndpoint, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }

    private func flagOverrides() throws -> DaemonConfiguration.Overrides {
        var overrides = DaemonConfiguration.Overrides(
            dataDirectory: dataDir,
            socket: socket,
            listen: listen,
            maxMessageBytes: maxMessageBytes,
            graceSeconds: graceSeconds,
            maxCallsPerConnection: maxCallsPerConnection,
            logLevel: logLevel,
            operatorUIDs: try operatorUids.map { list in
                try list.split(separator: ",").map { item in
                    guard let uid = UInt32(item) else { throw ValidationError("--operator-uids: \(item) is not a uid") }
                    return uid
                }
            })
        overrides.maxConnections = maxConnections
        overrides.logFormat = logFormat
        overrides.metricsPort = metricsPort
        var mail = MailOverrides()
        mail.delivery = mailDelivery
        mail.smtpHost = smtpHost
        mail.smtpPort = smtpPort
        mail.smtpSecurity = smtpSecurity
        mail.smtpUsername = smtpUsername
        mail.smtpPasswordFile = smtpPasswordFile
        mail.smtpCAFile = smtpCaFile
        mail.from = mailFrom
        mail.connections = mailConnections
        overrides.mail = mail
        return overrides
    }
}
