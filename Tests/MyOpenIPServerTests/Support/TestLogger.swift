import Logging

/// A logger for tests that stays quiet unless something is critical.
func makeTestLogger(_ label: String = "myopenip.server.tests") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}
