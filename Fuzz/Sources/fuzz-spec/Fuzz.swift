// The spec loader under libFuzzer: the input is a spec's text, loaded and validated against
// every check as `crosscheck check` would load it, up to where the claims would run.
// SPDX-License-Identifier: GPL-3.0-or-later

import SpecEngine
import Verification

/// Loads one input as a spec and traps when a property of ``FuzzInvariants`` breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let problems = FuzzInvariants.specProblems(text)
  // fatalError prints its message in optimised builds too.
  if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
  return 0
}
