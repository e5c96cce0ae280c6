import GSLOracle
import Referee
import ReferenceNumerics
import SpecEngine

/// Figure checks: plots drawn from data the run computes, each point checked against an oracle.
enum PoissonExponentialFigureChecks {
  static let all: [Check] = [poissonPMF, exponentialSurvival]

  static let mean = CheckParameter.number(
    "mean", within: Double.leastNonzeroMagnitude...1e15, help: "the mean")
  static let counts = CheckParameter.range(
    "count", within: 0...9e15, help: "the counts to draw, as integer a ... b")
  static let rate = CheckParameter.number(
    "rate", within: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
    help: "the rate")
  static let span = CheckParameter.range(
    "time", within: 0...Double.greatestFiniteMagnitude, help: "the span of times, a ... b")
  static let points = CheckParameter.integer(
    "points", in: 2...10_001, default: 81, help: "how many points")

  /// The scale of a figure's y-axis.
  enum Axis: String, ParameterChoice {
    /// A linear axis.
    case linear
    /// A logarithmic axis.
    case log
  }
  static let yAxis = CheckParameter<Axis>.choice("y-axis", default: .linear, help: "the y-axis")

  static let poissonPMF = Check(
    name: "poisson.pmf-figure", kind: .figure,
    summary: "Bars of the Poisson pmf over a range of counts; each bar checked against the oracle.",
    parameters: [mean, counts], oracles: .refereeOrGSL
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let mean = try claim[mean]
      let range = try claim[counts]
      guard range.upper - range.lower <= 10_000 else {
        throw VerificationError.invalidInput(
          name: "count", value: "\(range.lower) ... \(range.upper)", reason: "at most 10001 bars",
          at: claim.location)
      }
      let counts = Array(Int(range.lower.rounded(.up))...Int(range.upper.rounded(.down)))
      let poisson = try Poisson<Double>(mean: mean)
      let kernel = counts.map { poisson.probability(of: $0) }
      let name = try Oracles.refereeOrGSL.chosen(by: tolerance, in: claim)
      let oracle = try counts.map {
        name == "referee"
          ? try Referee.poissonProbability($0, mean: mean)
          : try GSL.poissonProbability($0, mean: mean)
      }
      let figure = Figure(
        title: "Poisson pmf, mean \(NumberFormatting.short(mean))", xLabel: "count n",
        yLabel: "P(N = n)",
        series: [
          .init(name: "kernel", style: .bars, x: counts.map(Double.init), y: kernel),
          .init(name: Oracles.display(name), style: .points, x: counts.map(Double.init), y: oracle),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: name,
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }

  static let exponentialSurvival = Check(
    name: "exponential.survival-figure", kind: .figure,
    summary: "The curve P(X > t) over a range of times; each point checked against the oracle.",
    parameters: [rate, span, points, yAxis], oracles: .gslOrReferee
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let rate = try claim[rate]
      let span = try claim[span]
      let points = try claim[points]
      let axis = try claim[yAxis]
      let times = (0..<points).map {
        span.lower + (span.upper - span.lower) * Double($0) / Double(points - 1)
      }
      let exponential = try Exponential<Double>(rate: rate)
      let kernel = times.map { exponential.survivalProbability(after: $0) }
      let name = try Oracles.gslOrReferee.chosen(by: tolerance, in: claim)
      let oracle = try times.map {
        name == "gsl"
          ? try GSL.exponentialSurvival($0, rate: rate)
          : try Referee.exponentialSurvival($0, rate: rate)
      }
      let figure = Figure(
        title: "Exponential survival, rate \(NumberFormatting.short(rate))", xLabel: "t",
        yLabel: "P(X > t)", logY: axis == .log,
        series: [
          .init(name: "kernel", style: .line, x: times, y: kernel),
          .init(name: Oracles.display(name), style: .points, x: times, y: oracle),
        ])
      return FigureSupport.result(
        claim, figure: figure, kernel: kernel, oracle: oracle, oracleName: name,
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }
}
