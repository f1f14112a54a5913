import MyOpenIPTransport
import Testing

@Suite("ConnectionTarget parsing")
struct ConnectionTargetTests {
    @Test(
        "Unix socket paths",
        arguments: [
            ("unix:/a/b", "/a/b"),
            ("/a/b", "/a/b"),
            ("./x/y", "./x/y"),
            ("unix:relative.sock", "relative.sock"),
            ("/run/myopenip/myopenipd.sock", "/run/myopenip/myopenipd.sock"),
        ])
    func unix(text: String, path: String) {
        #expect(ConnectionTarget(parsing: text) == .unix(path: path))
    }

    @Test(
        "TCP addresses",
        arguments: [
            ("127.0.0.1:7421", "127.0.0.1", 7421),
            ("[::1]:80", "::1", 80),
            ("localhost:0", "localhost", 0),
            ("example.org:65535", "example.org", 65535),
        ])
    func tcp(text: String, host: String, port: Int) {
        #expect(ConnectionTarget(parsing: text) == .tcp(host: host, port: port))
    }

    @Test(
        "invalid targets",
        arguments: [
            "nohost", ":80", "host:99999", "unix:", "", "host:", "host:-1", "host:http", "[]:80",
        ])
    func invalid(text: String) {
        #expect(ConnectionTarget(parsing: text) == nil)
    }

    @Test("a host with an unbalanced IPv6 bracket is invalid", arguments: ["[::1:80", "::1]:80", "[host:80"])
    func unbalancedBracket(text: String) {
        #expect(ConnectionTarget(parsing: text) == nil)
    }

    @Test(
        "description parses back to the same target",
        arguments: [
            ConnectionTarget.unix(path: "/a/b"),
            .unix(path: "./x/y"),
            .unix(path: "relative.sock"),
            .tcp(host: "127.0.0.1", port: 7421),
            .tcp(host: "::1", port: 80),
            .tcp(host: "localhost", port: 0),
        ])
    func descriptionRoundTrip(target: ConnectionTarget) {
        #expect(ConnectionTarget(parsing: target.description) == target)
    }

    @Test("descriptions")
    func descriptions() {
        #expect(ConnectionTarget.unix(path: "/a/b").description == "unix:/a/b")
        #expect(ConnectionTarget.tcp(host: "::1", port: 80).description == "[::1]:80")
        #expect(ConnectionTarget.tcp(host: "127.0.0.1", port: 7421).description == "127.0.0.1:7421")
    }
}
