import ArgumentParser
import MyOpenIPClient

/// `myopenipctl service set-link`: operator staff set a data link's parameters.
struct SetLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-link", abstract: "Operator staff: set the parameters of a data link given; the others stay.")

    @OptionGroup var connection: WriteOptions
    @Argument(help: "The data link (OC40479).") var reference: String
    @Option(help: "How the link reaches the site.") var access: AccessTypeArgument?
    @Option(help: "Bandwidth towards the site, kbit/s.") var downstreamKbps: Int64?
    @Option(help: "Bandwidth from the site, kbit/s.") var upstreamKbps: Int64?
    @Option(help: "The network's name of the interface the collector polls.") var interface: String?
    @Option(help: "An IPv4 or IPv6 prefix routed to the site (repeat it; all of them replace the list).")
    var prefix: [String] = []
    @Flag(help: "Remove every prefix.") var clearPrefixes = false

    func run() async throws {
        var parameters = Myopenip_V1_LinkParameters()
        var paths: [String] = []
        if let access {
            parameters.accessType = access.proto
            paths.append("access_type")
        }
        if let downstreamKbps {
            parameters.downstreamKbps = downstreamKbps
            paths.append("downstream_kbps")
        }
        if let upstreamKbps {
            parameters.upstreamKbps = upstreamKbps
            paths.append("upstream_kbps")
        }
        if let interface {
            parameters.interfaceID = interface
            paths.append("interface_id")
        }
        if !prefix.isEmpty || clearPrefixes {
            parameters.addresses = prefix
            paths.append("addresses")
        }
        guard !paths.isEmpty else { throw ValidationError("give at least one parameter to set") }
        let service = try await connection.withClient { client in
            try await client.network.updateLink(reference: reference, parameters: parameters, paths: paths)
        }
        connection.json ? Output.printMessage(service) : ServiceOutput.printDetail(service)
    }
}

/// `myopenipctl service set-trunk`: operator staff set a voice trunk's parameters.
struct SetTrunkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-trunk", abstract: "Operator staff: set the parameters of a voice trunk given; the others stay.")

    @OptionGroup var connection: WriteOptions
    @Argument(help: "The voice trunk (OC40479).") var reference: String
    @Option(help: "The trunk's name on the voice platform.") var trunk: String?
    @Option(help: "Simultaneous calls.") var channels: UInt32?
    @Option(help: "A number routed to the trunk (repeat it; all of them replace the list).") var number: [String] = []
    @Flag(help: "Remove every number.") var clearNumbers = false

    func run() async throws {
        var parameters = Myopenip_V1_VoiceTrunkParameters()
        var paths: [String] = []
        if let trunk {
            parameters.trunkID = trunk
            paths.append("trunk_id")
        }
        if let channels {
            parameters.channels = channels
            paths.append("channels")
        }
        if !number.isEmpty || clearNumbers {
            parameters.numbers = number
            paths.append("numbers")
        }
        guard !paths.isEmpty else { throw ValidationError("give at least one parameter to set") }
        let service = try await connection.withClient { client in
            try await client.network.updateVoiceTrunk(reference: reference, parameters: parameters, paths: paths)
        }
        connection.json ? Output.printMessage(service) : ServiceOutput.printDetail(service)
    }
}

/// `--access` of `service set-link`.
enum AccessTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case fiberDedicated = "fiber-dedicated"
    case fiberShared = "fiber-shared"
    case sdsl, vdsl, adsl, cellular, satellite

    var proto: Myopenip_V1_AccessType {
        switch self {
        case .fiberDedicated: .fiberDedicated
        case .fiberShared: .fiberShared
        case .sdsl: .sdsl
        case .vdsl: .vdsl
        case .adsl: .adsl
        case .cellular: .cellular
        case .satellite: .satellite
        }
    }
}
