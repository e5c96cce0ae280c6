// swift-tools-version: 6.2
//
// Crosscheck benchmarks: a separate package, so that the main package gains no dependency and
// `swift test`, `make report` and CI never build it. Run with `make bench` from the root or
// `swift run -c release crosscheck-benchmarks` from this folder.
// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import PackageDescription

/// The identity SwiftPM gives the main package, depended on by path: the name of the folder
/// that holds it, lowercased (`crosscheck` in a plain clone, but any name in a worktree).
let mainPackage = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
  name: "crosscheck-benchmarks",
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
  ],
  targets: [
    // MARK: - GSL called directly, to separate GSL's own cost from the GSLOracle wrapper's
    .systemLibrary(
      name: "CGSLDirect",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),

    // MARK: - Benchmarks
    .executableTarget(
      name: "crosscheck-benchmarks",
      dependencies: [
        "CGSLDirect",
        .product(name: "ReferenceNumerics", package: mainPackage),
        .product(name: "GSLOracle", package: mainPackage),
        .product(name: "Referee", package: mainPackage),
        .product(name: "SpecEngine", package: mainPackage),
        .product(name: "Verification", package: mainPackage),
        .product(name: "Benchmark", package: "swift-benchmark"),
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
