import GSLOracle
import RealModule
import ReferenceNumerics
import SpecEngine

/// Monte Carlo checks of the random walk (article 5).
enum RandomWalkStatisticalChecks {
  static let all: [Check] = [positions, polya]

  /// Chi-square of sampled positions against the exact pmf, bins pooled to expect >= 5.
  static func chiSquare(_ draws: [Int], walk: RandomWalk<Double>) -> (Double, Int) {
    let n = walk.steps
    let total = Double(draws.count)
    var observed = [Int](repeating: 0, count: n + 1)
    for s in draws { observed[(s + n) / 2] += 1 }
    var statistic = 0.0
    var bins = 0
    var pooledO = 0.0
    var pooledE = 0.0
    for r in 0...n {
      pooledO += Double(observed[r])
      pooledE += total * walk.probability(at: 2 * r - n)
      let rest = total * walk.survivalProbability(after: 2 * r - n)
      if pooledE >= 5, rest >= 5 || r == n {
        if r < n, rest < 5 { continue }
        statistic += (pooledO - pooledE) * (pooledO - pooledE) / pooledE
        bins += 1
        pooledO = 0
        pooledE = 0
      }
    }
    if pooledE > 0 {
      statistic += (pooledO - pooledE) * (pooledO - pooledE) / pooledE
      bins += 1
    }
    return (statistic, max(bins - 1, 1))
  }

  static let stepList = CheckParameter.integers(
    "steps", in: 1...10_000, help: "a list of numbers of steps")
  static let walkCount = CheckParameter.integer(
    "walks", in: 100...1_000_000, help: "how many walks to simulate")
  static let samplerUp = CheckParameter.number(
    "sampler-p", within: 0...1, default: 0.5, help: "the p to simulate")
  static let dimension = CheckParameter.integer("dimension", in: 1...3, help: "1, 2 or 3")
  static let horizon = CheckParameter.integer(
    "horizon", in: 2...10_000, help: "T, the number of steps (even)")

  static let positions = Check(
    name: "walk.monte-carlo", kind: .statistical,
    summary: "Positions of simulated walks (Swift's SplitMix64 sampler and GSL's mt19937 "
      + "uniforms) against the exact pmf by chi-square, for each n; with sampler-p the walks "
      + "are simulated with another p, a counter-test.",
    parameters: [stepList, walkCount.help("walks simulated per n and sampler"), samplerUp],
    oracles: .none
  ) { claim, replay in
    do {
      let alpha = try StatisticalVerdict(claim).alpha
      let steps = try claim[stepList]
      let walks = try claim[walkCount]
      let samplerP = try claim[samplerUp]
      let seed = replay?.seed ?? ReplayToken.seed(forClaim: claim.id)
      var swiftRandom = SeededGenerator(seed: ReplayToken.caseSeed(seed, 0))
      var gslRandom = try GSLRandom(seed: ReplayToken.caseSeed(seed, 1))
      let verdict = try StatisticalVerdict(claim)
      let refuted = verdict.expectsRejection
      var measurements: [Measurement] = []
      var details: [String] = []
      var ok = true
      for n in steps {
        let exact = try RandomWalk<Double>(steps: n)
        let simulated = try RandomWalk<Double>(steps: n, upProbability: samplerP)
        let swiftDraws = (0..<walks).map { _ in simulated.sample(using: &swiftRandom) }
        var gslDraws: [Int] = []
        for _ in 0..<walks {
          var s = 0
          for _ in 0..<n { s += gslRandom.uniform() < samplerP ? 1 : -1 }
          gslDraws.append(s)
        }
        for (label, draws) in [("Swift", swiftDraws), ("GSL", gslDraws)] {
          let (statistic, df) = chiSquare(draws, walk: exact)
          let test = "n = \(n), \(label) sampler"
          // The p-value itself is held against the referee and GSL: a lenient survival
          // function would otherwise pass every test unnoticed.
          let (p, agrees, agreement) = PValueAgreement.check(
            statistic, degreesOfFreedom: df, label: test)
          let rejected = p < alpha
          ok = ok && verdict.accepts(p) && agrees
          measurements.append(verdict.measurement(test, p: p))
          measurements += agreement
          details.append(
            "n = \(n), \(label) sampler (p = \(NumberFormatting.short(samplerP))): chi-square "
              + "\(NumberFormatting.short(statistic, digits: 5)) with \(df) degrees of freedom "
              + "over \(walks) walks; p-value \(NumberFormatting.short(p, digits: 4)); "
              + (rejected ? "rejected" : "not rejected"))
          // A counter-test must also know which way the walks are wrong: the same draws must
          // fit the walk they were simulated from. Otherwise a sampler that steps the other
          // way (p = 0.45 for 0.55) is rejected by the fair walk just as well.
          guard refuted, samplerP != 0.5 else { continue }
          let (fitStatistic, fitDF) = chiSquare(draws, walk: simulated)
          let fit = PValueAgreement.check(
            fitStatistic, degreesOfFreedom: fitDF, label: "\(test), against p = \(samplerP)")
          let fits = fit.p >= alpha
          ok = ok && fits && fit.agrees
          measurements.append(
            Measurement(
              label: "p-value, \(test) against the walk it simulates (must reach alpha)",
              value: fit.p, bound: alpha, unit: "p-value", passed: fits))
          measurements += fit.measurements
          details.append(
            "\(test) against the walk with p = \(NumberFormatting.short(samplerP)) it "
              + "simulates: chi-square \(NumberFormatting.short(fitStatistic, digits: 5)) with "
              + "\(fitDF) degrees of freedom; p-value \(NumberFormatting.short(fit.p, digits: 4)); "
              + (fits ? "not rejected, as it must be" : "rejected: the sampler is wrong"))
        }
      }
      return verdict.result(
        claim, ok: ok, hypothesis: "the exact walk pmf", measurements: measurements,
        details: details, seed: seed)
    } catch {
      return .error(claim, error)
    }
  }

  /// The probability that a simple walk on Z^d returns to 0 within `horizon` steps, exactly.
  ///
  /// u(2m) in d = 1, 2, 3 (d = 2 by the rotation u2(2m) = u1(2m)^2; d = 3 as the sum over the
  /// steps taken along each axis), then the renewal equation u = f * u gives the first-return
  /// probabilities f(2m), summed up to the horizon.
  static func returnWithin(_ horizon: Int, dimension: Int) -> Double {
    let halves = horizon / 2
    var u = [Double](repeating: 0, count: halves + 1)
    u[0] = 1
    for m in 1...max(halves, 1) where m <= halves {
      let one = (try? RandomWalk<Double>(steps: 2 * m).returnProbability) ?? .nan
      switch dimension {
      case 1: u[m] = one
      case 2: u[m] = one * one
      default:
        // u3(2m) = C(2m, m) / 4^m * sum over j + k <= m of (m! / (j! k! (m - j - k)!))^2 / 9^m
        var sum = 0.0
        let logM = Double.logGamma(Double(m) + 1)
        for j in 0...m {
          for k in 0...(m - j) {
            let l =
              logM - Double.logGamma(Double(j) + 1) - Double.logGamma(Double(k) + 1)
              - Double.logGamma(Double(m - j - k) + 1)
            sum += Double.exp(2 * l - Double(m) * Double.log(9))
          }
        }
        u[m] = one * sum
      }
    }
    var f = [Double](repeating: 0, count: halves + 1)
    var total = 0.0
    if halves >= 1 {
      for m in 1...halves {
        var value = u[m]
        for j in 1..<m { value -= f[j] * u[m - j] }
        f[m] = value
        total += value
      }
    }
    return total
  }

  static let polya = Check(
    name: "walk.polya", kind: .statistical,
    summary: "The share of simulated walks on Z^d that return to 0 within a horizon of T "
      + "steps, against the exact probability of a return within T (renewal equation), by an "
      + "exact two-sided binomial test; a Wilson interval and the gap to Polya's limit "
      + "(1 for d = 1, 2; 0.3405373 for d = 3) are reported.",
    parameters: [dimension, horizon, walkCount], oracles: .none
  ) { claim, replay in
    do {
      let alpha = try StatisticalVerdict(claim).alpha
      let d = try claim[dimension]
      let horizon = try claim[horizon]
      let walks = try claim[walkCount]
      let seed = replay?.seed ?? ReplayToken.seed(forClaim: claim.id)
      var random = SeededGenerator(seed: ReplayToken.caseSeed(seed, 0))
      var returned = 0
      for _ in 0..<walks {
        var position = [0, 0, 0]
        for _ in 0..<horizon {
          let move = Int(random.next() % UInt64(2 * d))
          position[move / 2] += move % 2 == 0 ? 1 : -1
          if position == [0, 0, 0] {
            returned += 1
            break
          }
        }
      }
      let exact = returnWithin(horizon, dimension: d)
      let count = try Binomial<Double>(trials: walks, successProbability: exact)
      let low = count.cumulativeProbability(through: returned)
      let high = count.survivalProbability(after: returned - 1)
      let p = min(1, 2 * min(low, high))
      let share = Double(returned) / Double(walks)
      // Wilson score interval at the claim's alpha (z from the normal quantile by bisection).
      var z = 0.0
      var step = 8.0
      while step > 1e-12 {
        step /= 2
        if SpecialFunctions.chiSquareSurvival((z + step) * (z + step), degreesOfFreedom: 1)
          > alpha
        {
          z += step
        }
      }
      let m = Double(walks)
      let center = (share + z * z / (2 * m)) / (1 + z * z / m)
      let half = z / (1 + z * z / m) * (share * (1 - share) / m + z * z / (4 * m * m)).squareRoot()
      let limit = d == 3 ? 0.3405373295503722 : 1.0
      let ok = p >= alpha
      let measurements = [
        Measurement(
          label: "p-value, d = \(d)", value: p, bound: alpha, unit: "p-value (must reach alpha)",
          passed: ok),
        Measurement(label: "share returned within T", value: share, unit: "share"),
        Measurement(label: "exact P(return within T)", value: exact, unit: "probability"),
        Measurement(label: "Polya limit minus exact", value: limit - exact, unit: "probability"),
      ]
      let details = [
        "d = \(d), T = \(horizon): \(returned) of \(walks) walks returned, share "
          + "\(NumberFormatting.short(share, digits: 5)); Wilson interval at alpha "
          + "\(NumberFormatting.short(alpha)): [\(NumberFormatting.short(center - half, digits: 5)), "
          + "\(NumberFormatting.short(center + half, digits: 5))]; exact P(return within T) "
          + "\(NumberFormatting.short(exact, digits: 6)); Polya's limit "
          + "\(NumberFormatting.short(limit, digits: 7)) lies \(NumberFormatting.short(limit - exact, digits: 3)) above it; "
          + "two-sided exact binomial p-value \(NumberFormatting.short(p, digits: 4))"
      ]
      return ClaimResult(
        id: claim.id, verdict: ok ? .passed : .failed,
        summary: (ok ? "not rejected" : "rejected")
          + ": share \(NumberFormatting.short(share, digits: 4)) vs exact "
          + "\(NumberFormatting.short(exact, digits: 4)) within T = \(horizon) (d = \(d))",
        measurements: measurements, details: details,
        replay: ok ? nil : ReplayToken(claimID: claim.id, seed: seed, caseIndex: 0).description,
        location: claim.location)
    } catch {
      return .error(claim, error)
    }
  }
}
