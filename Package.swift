// swift-tools-version: 6.2
//
// Crosscheck: a literate, verified reference suite.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "crosscheck",
  products: [
    .library(name: "ReferenceNumerics", targets: ["ReferenceNumerics"]),
    .library(name: "GSLOracle", targets: ["GSLOracle"]),
    .library(name: "Referee", targets: ["Referee"]),
    .library(name: "SpecEngine", targets: ["SpecEngine"]),
    .library(name: "Verification", targets: ["Verification"]),
    .executable(name: "crosscheck", targets: ["crosscheck"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    // MARK: - Reference kernels (pure Swift)
    .target(
      name: "ReferenceNumerics",
      dependencies: [
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),

    // MARK: - Oracles (C libraries behind Swift wrappers)
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    .target(name: "GSLOracle", dependencies: ["CGSL"]),
    .systemLibrary(
      name: "CMPFR",
      providers: [.apt(["libmpfr-dev"])]
    ),
    .target(name: "Referee", dependencies: ["CMPFR"]),

    // MARK: - Specs: parsing, model, rendering
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "SpecEngine", dependencies: ["CCmarkGFM"]),

    // MARK: - Where claims meet kernels and oracles
    .target(
      name: "Verification",
      dependencies: [
        "ReferenceNumerics", "GSLOracle", "Referee", "SpecEngine",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      exclude: ["Articles/README.md"]
    ),

    // MARK: - Command-line tool
    .executableTarget(
      name: "crosscheck",
      dependencies: [
        "Verification", "SpecEngine", "ReferenceNumerics",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests
    .testTarget(
      name: "ReferenceNumericsTests",
      dependencies: [
        "ReferenceNumerics", "GSLOracle", "Referee",
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "GSLOracleTests", dependencies: ["GSLOracle"]),
    .testTarget(name: "RefereeTests", dependencies: ["Referee"]),
    .testTarget(
      name: "SpecEngineTests",
      dependencies: ["SpecEngine"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "VerificationTests", dependencies: ["Verification", "SpecEngine"]),
    .testTarget(name: "SpecTests", dependencies: ["Verification", "SpecEngine"]),
    .testTarget(
      name: "CrosscheckTests",
      dependencies: [
        "crosscheck", "Verification", "SpecEngine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
  ]
)

for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"),
      .enableUpcomingFeature("InternalImportsByDefault"),
      .enableUpcomingFeature("MemberImportVisibility"),
      .treatAllWarnings(as: .error),
    ]
}
