// The readers of `crosscheck vectors` options under libFuzzer: the input is read as a number, a
// whole number, a list or range of each, and a JSON vector or matrix.
// SPDX-License-Identifier: GPL-3.0-or-later

import Verification

/// Reads one input every way and traps when a property of ``FuzzInvariants`` breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let problems = FuzzInvariants.numberProblems(text)
  // fatalError prints its message in optimised builds too.
  if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
  return 0
}
