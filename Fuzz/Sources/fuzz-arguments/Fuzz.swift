// `crosscheck vectors` command lines under libFuzzer: the input is one argument per line after
// `vectors`, parsed (options, transforms and `validate()`) as the tool would, but not run.
// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// Parses one input as the arguments of `crosscheck vectors` and renders any error's message.
///
/// A command line parses to a vectors subcommand or fails with an error whose message renders;
/// nothing else may happen (no trap, no exit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let arguments =
    ["vectors"] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  do {
    let command = try Crosscheck.parseAsRoot(arguments)
    // `vectors help poisson` parses as argument-parser's own help command.
    let name = String(describing: type(of: command))
    if !(command is any VectorCommand || command is Crosscheck.Vectors || name == "HelpCommand") {
      fatalError("\(arguments) parsed as \(name), not a vectors command")
    }
  } catch {
    _ = Crosscheck.fullMessage(for: error)
  }
  return 0
}
