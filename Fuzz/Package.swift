// swift-tools-version: 6.2
//
// Crosscheck fuzz targets: a separate package, so that `swift test`, `make report` and CI's main
// build never compile with the fuzzer. Build and run with `make fuzz` from the root (see
// README.md); every target here is built with `--sanitize=fuzzer --sanitize=address`.
// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import PackageDescription

/// The identity SwiftPM gives the main package, depended on by path: the name of the folder
/// that holds it, lowercased (`crosscheck` in a plain clone, but any name in a worktree).
let mainPackage = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

/// libFuzzer supplies `main`; the targets only define `LLVMFuzzerTestOneInput`.
let fuzzEntry: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "crosscheck-fuzz",
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
  ],
  targets: [
    // MARK: - The spec loader, end to end up to where claims would run
    .executableTarget(
      name: "fuzz-spec",
      dependencies: [
        .product(name: "SpecEngine", package: mainPackage),
        .product(name: "Verification", package: mainPackage),
      ],
      swiftSettings: fuzzEntry
    ),

    // MARK: - The number, list, range and JSON readers of `crosscheck vectors`
    .executableTarget(
      name: "fuzz-numbers",
      dependencies: [.product(name: "Verification", package: mainPackage)],
      swiftSettings: fuzzEntry
    ),

    // MARK: - Replay tokens
    .executableTarget(
      name: "fuzz-replay",
      dependencies: [.product(name: "Verification", package: mainPackage)],
      swiftSettings: fuzzEntry
    ),

    // MARK: - Every vectors subcommand's arguments through argument-parser
    // `crosscheck` is a link to the main package's `Sources/crosscheck`: an executable target
    // cannot be imported from another package, so its sources are compiled here again, with
    // their `@main` entry point renamed so that libFuzzer's `main` runs.
    .executableTarget(
      name: "fuzz-arguments",
      dependencies: [
        .product(name: "SpecEngine", package: mainPackage),
        .product(name: "Verification", package: mainPackage),
        .product(name: "ReferenceNumerics", package: mainPackage),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: fuzzEntry + [
        .unsafeFlags(["-Xfrontend", "-entry-point-function-name", "-Xfrontend", "crosscheck_main"])
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
    ]
  // The CLI's sources, compiled here, conform Verification's enums to ExpressibleByArgument:
  // within the main package that is no warning, across packages it is a retroactive one.
  if target.name != "fuzz-arguments" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
  }
}
