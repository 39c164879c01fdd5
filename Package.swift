// swift-tools-version:6.1
import PackageDescription

// One library target per concern. Dependencies point one way only:
// JSON <- Events <- Topology <- Engine <- Service, Evidence beside Engine, Kafka at the edge.
let package = Package(
    name: "Warden",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "warden", targets: ["warden"]),
        .library(name: "WardenKafka", targets: ["WardenKafka"]),
        .library(name: "WardenEvents", targets: ["WardenEvents"]),
        .library(name: "WardenTopology", targets: ["WardenTopology"]),
        .library(name: "WardenEngine", targets: ["WardenEngine"]),
        .library(name: "WardenEvidence", targets: ["WardenEvidence"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // librdkafka's C API. Built against Debian's headers; run against librdkafka >= 2.2
        // (scripts/env puts the one from the confluent-kafka wheel on LD_LIBRARY_PATH).
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(name: "WardenKafka", dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")]),
        .target(name: "WardenJSON"),
        // A prefetch hint for the field walk (C's __builtin_prefetch; Swift has none).
        .target(name: "CPrefetch"),
        .target(name: "WardenEvents", dependencies: ["WardenJSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "WardenTopology", dependencies: ["CPrefetch", "WardenEvents", "WardenJSON", "Yams", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "WardenEngine", dependencies: ["WardenTopology", "WardenEvents", "WardenJSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "WardenEvidence", dependencies: ["WardenJSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "WardenPipeline", dependencies: ["WardenEngine", "WardenEvidence", "WardenEvents", "WardenTopology", "WardenJSON"]),
        .target(name: "WardenReplay", dependencies: ["WardenEngine", "WardenEvidence", "WardenKafka"]),
        .target(name: "WardenService", dependencies: [
            "WardenEngine", "WardenTopology", "WardenEvidence", "WardenKafka", "WardenPipeline", "WardenReplay", "WardenEvents",
            "WardenJSON", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "WardenSimulation", dependencies: ["WardenEngine", "WardenEvents", "WardenJSON", "WardenKafka"]),
        .target(name: "WardenHTTP", dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log")]),
        .target(name: "WardenBench", dependencies: [
            "WardenKafka", "WardenEvents", "WardenTopology", "WardenEvidence", "WardenEngine", "WardenJSON", "WardenService",
            "WardenSimulation", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "warden",
            dependencies: [
                "WardenKafka", "WardenEvents", "WardenTopology", "WardenEngine", "WardenEvidence",
                "WardenReplay", "WardenService", "WardenSimulation", "WardenBench", "WardenPipeline", "WardenHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "WardenKafkaTests", dependencies: ["WardenKafka"]),
        .testTarget(name: "WardenJSONTests", dependencies: ["WardenJSON", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WardenEventsTests", dependencies: ["WardenEvents", "WardenJSON", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WardenTopologyTests", dependencies: ["WardenTopology", "WardenEvents"]),
        .testTarget(name: "WardenEvidenceTests", dependencies: ["WardenEvidence", "WardenJSON", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WardenEngineTests", dependencies: ["WardenEngine", "WardenTopology", "WardenEvents", "WardenJSON", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WardenPipelineTests", dependencies: ["WardenPipeline", "WardenEngine", "WardenEvidence", "WardenEvents", "WardenTopology", "WardenJSON", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "WardenSimulationTests", dependencies: ["WardenSimulation", "WardenEngine", "WardenEvents", "WardenJSON", "WardenTopology", "WardenKafka"]),
        .testTarget(name: "WardenReplayTests", dependencies: ["WardenReplay", "WardenEvidence", "WardenKafka", "WardenJSON"]),
        .testTarget(name: "WardenHTTPTests", dependencies: ["WardenHTTP", .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "WardenServiceTests", dependencies: [
            "WardenService", "WardenKafka", "WardenTopology", "WardenEvidence", "WardenReplay", "WardenSimulation", "WardenJSON",
        ]),
    ]
)
