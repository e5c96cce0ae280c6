#!/usr/bin/env bash
# Builds the fuzz targets of Fuzz/ (libFuzzer with AddressSanitizer) and runs each for
# FUZZ_SECONDS, one at a time: `make fuzz`, or `FUZZ_SECONDS=30 make fuzz` as CI does.
#
#   FUZZ_SECONDS   seconds per target (default 180)
#   FUZZ_TARGETS   the targets to run (default: spec numbers replay arguments)
#   FUZZ_CONFIG    the SwiftPM configuration (default release: several times the executions)
#   FUZZ_RUNS      stop a target after this many executions, if FUZZ_SECONDS has not run out
#                  first (default: no limit); `FUZZ_RUNS=1000000 FUZZ_SECONDS=7200` gives each
#                  target its million
#
# Each target starts from its seeds (Fuzz/Corpus/<target>, and for `spec` the specs and the
# test fixtures) with its dictionary (Fuzz/Dictionaries/<target>.dict), and grows a scratch
# corpus in Fuzz/.build/corpus/<target>. A crash, a sanitizer report, a unit slower than 1 s or
# a hang over 10 s is saved to Fuzz/Findings/ (minimise it with -minimize_crash=1 and turn it
# into a regression test under Tests/), and makes this script fail. At the end it prints, per
# target, the executions and the coverage (libFuzzer's `cov:`).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
# libFuzzer, not the Swift runtime, reports a crash: its handler saves the input. Allocation
# stacks are not recorded (a third of the time); rerun a finding with ASAN_OPTIONS unset.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}

cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-180}
targets=${FUZZ_TARGETS:-spec numbers replay arguments}
config=${FUZZ_CONFIG:-release}
runs_limit=${FUZZ_RUNS:--1}

echo "==> Building the fuzz targets ($config, -sanitize=fuzzer,address)"
begin=$SECONDS
# SwiftPM passes its two --sanitize flags to swiftc as separate -sanitize= options, in an order
# that varies from run to run, and swiftc keeps only the last: a build could come out without
# the fuzzer's coverage instrumentation ("cov: 0"). The combined flag, last on every compile
# line, gives both every time; --sanitize stays for SwiftPM's own handling of the entry point.
sanitize=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
(cd Fuzz && swift build -c "$config" "${sanitize[@]}")
echo "built in $((SECONDS - begin)) s"
bin=$(cd Fuzz && swift build -c "$config" "${sanitize[@]}" --show-bin-path)

mkdir -p Fuzz/Findings Fuzz/.build/logs
declare -a summary=()
failed=0
for target in $targets; do
  corpus=Fuzz/.build/corpus/$target
  mkdir -p "$corpus"
  seeds=(Fuzz/Corpus/"$target")
  options=()
  # The specs are up to 60 kB; mutating units of at most 4 kB keeps the executions fast (the
  # long shapes are the growth tests' business, Tests/VerificationTests/Fuzzing/).
  if [[ $target == spec ]]; then
    seeds+=(Specs Tests/SpecEngineTests/Fixtures)
    options+=(-max_len=4096)
  fi
  log=Fuzz/.build/logs/$target.log
  before=$(find Fuzz/Findings -type f | wc -l)
  echo "==> fuzz-$target for $seconds s (log: $log)"
  status=0
  # Leak checking is off: the Swift runtime keeps metadata caches for the whole process.
  "$bin/fuzz-$target" "$corpus" "${seeds[@]}" \
    -dict="Fuzz/Dictionaries/$target.dict" -max_total_time="$seconds" -runs="$runs_limit" -timeout=10 \
    -report_slow_units=1 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$root/Fuzz/Findings/$target-" "${options[@]}" >"$log" 2>&1 || status=$?
  after=$(find Fuzz/Findings -type f | wc -l)
  # A slow unit is reported (and saved) without stopping the run.
  slow=$(grep -c '^Slowest unit\|Slow unit' "$log" || true)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo 0)
  verdict=ok
  if ((status != 0 || after > before)); then
    verdict=FAILED
    failed=1
    grep -E '^==[0-9]+==|ERROR|Fatal error|Slowest unit|artifact' "$log" | head -n 20 || true
  elif ((cov == 0)); then
    # A target without coverage instrumentation runs, but fuzzes nothing: that is a failure.
    verdict=FAILED
    failed=1
    echo "fuzz-$target: no coverage (cov: 0); the build is not instrumented for the fuzzer"
  fi
  summary+=("$(printf '%-7s fuzz-%-10s %10s executions  cov: %-6s slow-unit reports: %s' \
    "$verdict" "$target" "$runs" "$cov" "$slow")")
done

echo
echo "==> Fuzzing summary ($seconds s per target)"
printf '  %s\n' "${summary[@]}"
if ((failed)); then
  echo "Findings are in Fuzz/Findings/; the logs in Fuzz/.build/logs/."
fi
exit "$failed"
