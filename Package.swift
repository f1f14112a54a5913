// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "MyOpenIP",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "myopenipd", targets: ["myopenipd"]),
        .executable(name: "myopenipctl", targets: ["myopenipctl"]),
        .executable(name: "myopenip-bench", targets: ["myopenip-bench"]),
        .library(name: "MyOpenIPClient", targets: ["MyOpenIPClient"]),
        .library(name: "CMyOpenIPClient", targets: ["CMyOpenIPClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Generated swift-protobuf code only (tools/generate-proto.sh).
        .target(
            name: "MyOpenIPProto",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["PROTO_SOURCES.sha256"]
        ),
        // Generated protobuf-c code only (tools/generate-proto-c.sh), on the system libprotobuf-c.
        .target(
            name: "CMyOpenIPProto",
            exclude: ["PROTO_SOURCES.sha256"],
            linkerSettings: [.linkedLibrary("protobuf-c")]
        ),
        // The C client for C microservices: blocking ttrpc calls with protobuf-c messages.
        .target(
            name: "CMyOpenIPClient",
            dependencies: ["CMyOpenIPProto"],
            linkerSettings: [.linkedLibrary("pthread")]
        ),
        // The transport-neutral RPC core: frames, envelope, errors, metadata, router, interceptors.
        .target(
            name: "MyOpenIPRPC",
            dependencies: [
                "MyOpenIPProto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // SwiftNIO server and client connections over Unix and TCP sockets.
        .target(
            name: "MyOpenIPTransport",
            dependencies: [
                "MyOpenIPRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The system zlib, for the PDF's compressed streams.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Billing documents as Factur-X PDFs (PDF/A-3 with their CII XML), fonts embedded.
        .target(
            name: "MyOpenIPPDF",
            dependencies: [
                "MyOpenIPDomain", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The system librsvg and cairo, to rasterise the traffic graphs' SVG to PNG.
        .systemLibrary(
            name: "CRsvg",
            path: "Sources/CRsvg",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev"])]
        ),
        // A link's traffic graph as an SVG document, and as a PNG through librsvg.
        .target(name: "MyOpenIPGraph", dependencies: ["MyOpenIPDomain", "CRsvg"]),
        // SQLite through GRDB: one database, its migrations, one repository per domain.
        .target(
            name: "MyOpenIPStore",
            dependencies: [
                "MyOpenIPDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // An SMTP client on SwiftNIO (plain, STARTTLS, implicit TLS; AUTH PLAIN and LOGIN).
        .target(
            name: "MyOpenIPSMTP",
            dependencies: [
                "MyOpenIPDomain",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Pure business rules: policies, state machines, prices; plain Swift values, no I/O.
        .target(name: "MyOpenIPDomain"),
        // The services, the interceptor chain, and the configuration of a daemon.
        .target(
            name: "MyOpenIPServer",
            dependencies: [
                "MyOpenIPProto",
                "MyOpenIPRPC",
                "MyOpenIPTransport",
                "MyOpenIPStore",
                "MyOpenIPDomain",
                "MyOpenIPSMTP",
                "MyOpenIPPDF",
                "MyOpenIPGraph",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The thin Swift client used by internal microservices.
        .target(
            name: "MyOpenIPClient",
            dependencies: [
                "MyOpenIPDomain",
                "MyOpenIPProto",
                "MyOpenIPRPC",
                "MyOpenIPTransport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "myopenipd",
            dependencies: [
                "MyOpenIPServer",
                "MyOpenIPRPC",
                "MyOpenIPStore",
                "MyOpenIPTransport",
                "MyOpenIPDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "myopenipctl",
            dependencies: [
                "MyOpenIPClient",
                "MyOpenIPDomain",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "myopenip-bench",
            dependencies: [
                "MyOpenIPClient",
                "MyOpenIPDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "tools/bench"
        ),
        // The project's own generator: service contracts, server protocols, Swift and C clients.
        .executableTarget(
            name: "myopenip-protogen",
            dependencies: ["MyOpenIPProto", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            path: "tools/protogen"
        ),
        .executableTarget(
            name: "myopenip-fuzz",
            dependencies: [
                "MyOpenIPDomain",
                "MyOpenIPProto",
                "MyOpenIPRPC",
                "MyOpenIPTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "tools/fuzz",
            exclude: ["corpus"]
        ),
        .testTarget(
            name: "MyOpenIPRPCTests",
            dependencies: [
                "MyOpenIPRPC",
                "MyOpenIPProto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "MyOpenIPTransportTests",
            dependencies: [
                "MyOpenIPTransport",
                "MyOpenIPRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MyOpenIPSMTPTests",
            dependencies: [
                "MyOpenIPSMTP",
                "MyOpenIPDomain",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MyOpenIPDomainTests",
            dependencies: ["MyOpenIPDomain"]
        ),
        .testTarget(
            name: "MyOpenIPGraphTests",
            dependencies: ["MyOpenIPGraph", "MyOpenIPDomain"]
        ),
        .testTarget(
            name: "MyOpenIPStoreTests",
            dependencies: ["MyOpenIPStore", "MyOpenIPDomain", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "MyOpenIPServerTests",
            dependencies: [
                "MyOpenIPServer",
                "MyOpenIPDomain",
                "MyOpenIPStore",
                "MyOpenIPSMTP",
                "MyOpenIPRPC",
                "MyOpenIPProto",
                "MyOpenIPTransport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "CMyOpenIPClient",
                "CMyOpenIPProto",
                "MyOpenIPServer",
                "MyOpenIPDomain",
                "MyOpenIPClient",
                "MyOpenIPRPC",
                "MyOpenIPTransport",
                "MyOpenIPStore",
                "MyOpenIPSMTP",
                "MyOpenIPPDF",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
