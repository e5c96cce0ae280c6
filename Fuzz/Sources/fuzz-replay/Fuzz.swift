// Replay tokens under libFuzzer: the input is read as the `--replay` argument of
// `crosscheck check`.
// SPDX-License-Identifier: GPL-3.0-or-later

import Verification

/// Reads one input as a replay token and traps when a property of ``FuzzInvariants`` breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let problems = FuzzInvariants.replayProblems(text)
  // fatalError prints its message in optimised builds too.
  if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
  return 0
}
