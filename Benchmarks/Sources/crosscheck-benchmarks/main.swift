// SPDX-License-Identifier: GPL-3.0-or-later
//
// Times the reference kernels of Crosscheck against GSL and the MPFR referee.
//
//     swift run -c release crosscheck-benchmarks [swift-benchmark options]
//
// swift-benchmark's options apply (`--filter`, `--min-time`, `--iterations`, `--format`, ...);
// its own table gives the time of one pass over a grid, and a Markdown table of nanoseconds
// per call follows it.

import Benchmark
import CGSLDirect
import GSLOracle
import Referee

#if canImport(Glibc)
  import Glibc
#endif

// The direct GSL cases may run before any `GSLOracle` call (under `--filter`), so switch GSL's
// aborting error handler off here too (`gsl_cdf_poisson_P` at mean 1e7 reports a loss of
// accuracy in its asymptotic branch, which would otherwise abort the run).
_ = gsl_set_error_handler_off()

let sink = Sink()
let cases: [Case]
do {
  cases =
    try PoissonCases.all() + OtherCases.exponentialSurvival() + OtherCases.binomialProbability()
    + RopeCases.all()
    + LoRACases.all()
    + HiPPOCases.legSStep()
    + EngineCases.all()
} catch {
  print("crosscheck-benchmarks: could not set up the cases: \(error)")
  exit(1)
}

let suite = BenchmarkSuite(name: "crosscheck")
for item in cases {
  suite.benchmark(item.name, settings: item.settings) { sink.total += item.body() }
}

var runner = BenchmarkRunner(
  suites: [suite],
  settings: parseArguments(),
  customDefaults: [MinTime(seconds: 0.25), WarmupIterations(3)]
)
do {
  try runner.run()
} catch {
  print("crosscheck-benchmarks: \(error)")
  exit(1)
}

print()
print(Report.markdown(cases: cases, results: runner.results))
print()
print(Report.throughput(cases: cases, results: runner.results))
print()
print("GSL \(GSL.version), \(Referee.version); sink: \(sink.total)")
