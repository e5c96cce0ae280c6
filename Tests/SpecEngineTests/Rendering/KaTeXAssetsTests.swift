import Foundation
import SpecEngine
import Testing

@Suite("KaTeX files for offline reports")
struct KaTeXAssetsTests {
  /// Returns a fresh temporary folder's path.
  static func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-katex-\(UUID().uuidString)").path
  }

  /// Builds a fake installation laid out as Debian's: a linked script and a linked font folder.
  static func fakeInstallation(fonts: Bool = true) throws -> String {
    let fm = FileManager.default
    let root = temporaryFolder()
    let install = "\(root)/katex"
    try fm.createDirectory(atPath: "\(install)/contrib", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: "\(root)/truetype", withIntermediateDirectories: true)
    try Data("css".utf8).write(to: URL(fileURLWithPath: "\(install)/katex.min.css"))
    try Data("js".utf8).write(to: URL(fileURLWithPath: "\(install)/katex.js"))
    try fm.createSymbolicLink(atPath: "\(install)/katex.min.js", withDestinationPath: "katex.js")
    try Data("auto".utf8).write(to: URL(fileURLWithPath: "\(install)/contrib/auto-render.js"))
    if fonts {
      try Data([0, 1, 2, 255]).write(to: URL(fileURLWithPath: "\(root)/truetype/A.woff2"))
      try Data([9]).write(to: URL(fileURLWithPath: "\(root)/truetype/A.ttf"))
      try Data("no".utf8).write(to: URL(fileURLWithPath: "\(root)/truetype/README"))
    }
    try fm.createSymbolicLink(atPath: "\(install)/fonts", withDestinationPath: "../truetype")
    return install
  }

  @Test("Links are followed: the copy holds plain files with the linked bytes")
  func followsLinks() throws {
    let install = try Self.fakeInstallation()
    defer { try? FileManager.default.removeItem(atPath: install + "/..") }
    let assets = try KaTeXAssets(folder: install)
    #expect(
      assets.files.map(\.path) == [
        "contrib/auto-render.js", "fonts/A.ttf", "fonts/A.woff2", "katex.min.css", "katex.min.js",
      ])
    let out = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    try assets.write(into: out)
    let script = "\(out)/katex.min.js"
    let type = try FileManager.default.attributesOfItem(atPath: script)[.type] as? FileAttributeType
    #expect(type == .typeRegular)
    #expect(FileManager.default.contents(atPath: script) == Data("js".utf8))
    #expect(FileManager.default.contents(atPath: "\(out)/fonts/A.woff2") == Data([0, 1, 2, 255]))
  }

  @Test("A missing installation or missing fonts is an error that names the file")
  func missing() throws {
    #expect(throws: KaTeXAssets.Error.missing(path: "/nonexistent/katex.min.css")) {
      try KaTeXAssets(folder: "/nonexistent")
    }
    let install = try Self.fakeInstallation(fonts: false)
    defer { try? FileManager.default.removeItem(atPath: install + "/..") }
    #expect {
      try KaTeXAssets(folder: install)
    } throws: { error in
      "\(error)".contains("KaTeX_Main-Regular.woff2") && "\(error)".contains("fonts-katex")
    }
  }

  @Test("Debian's KaTeX, when installed, has the files the page loads")
  func debian() throws {
    guard FileManager.default.fileExists(atPath: KaTeXAssets.debianFolder) else { return }
    let assets = try KaTeXAssets()
    let paths = Set(assets.files.map(\.path))
    for needed in ["katex.min.css", "katex.min.js", "contrib/auto-render.js"] {
      #expect(paths.contains(needed))
    }
    #expect(paths.contains("fonts/KaTeX_Main-Regular.woff2"))
    #expect(assets.files.allSatisfy { !$0.bytes.isEmpty })
  }
}
