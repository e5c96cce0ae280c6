import Foundation
import GSLOracle
import ReferenceNumerics
import SpecEngine

/// Figure checks of article 10: reconstruction from LegS coefficients, and the error slope.
enum HiPPOFigureChecks {
  static let all: [Check] = [reconstruction, errorSlope]

  static let sizes = CheckParameter.integers(
    "sizes", in: 1...512, help: "the state sizes N, comma-separated")
  static let horizon = CheckParameter.number(
    "time", within: 0.1...1000, help: "the time T at which the history [0, T] is reconstructed")

  /// The test signal of the reconstruction figure: a chirp-like sum on [0, T].
  static func signal(_ t: Double) -> Double {
    sin(t) + 0.5 * sin(2.3 * t + 1) * exp(-t / 8)
  }

  static let reconstruction = Check(
    name: "hippo.reconstruction-figure", kind: .figure,
    summary: "The signal sin t + sin(2.3 t + 1) exp(-t/8) / 2 on [0, T] and its reconstructions "
      + "from the kernel's LegS coefficients at several N, each point against the "
      + "reconstruction from GSL's quadrature coefficients and GSL's Legendre polynomials.",
    parameters: [sizes, horizon], oracles: .gsl
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let t = try claim[horizon]
      let times = (0...200).map { t * Double($0) / 200 }
      var series: [Figure.Series] = [
        .init(name: "signal", style: .line, x: times, y: times.map(signal))
      ]
      var kernelValues: [Double] = []
      var oracleValues: [Double] = []
      for n in try claim[sizes] {
        let c = try HiPPO.projection(of: signal, at: t, window: .scaled, size: n, points: 400)
        let g = try HiPPOSupport.gslProjection(of: signal, at: t, window: .scaled, size: n)
        let ours = try times.map { try HiPPO.reconstruction(c, at: $0, time: t, window: .scaled) }
        let theirs = try times.map { s -> Double in
          let x = min(1, max(-1, 2 * s / t - 1))
          let p = try GSL.legendre(upTo: n - 1, at: x)
          return HiPPOSupport.series(g, p)
        }
        kernelValues += ours
        oracleValues += theirs
        series.append(.init(name: "N = \(n)", style: .line, x: times, y: ours))
      }
      let figure = Figure(
        title: "Reconstruction of the history from LegS coefficients", xLabel: "time s",
        yLabel: "f(s)", series: series)
      return FigureSupport.result(
        claim, figure: figure, kernel: kernelValues, oracle: oracleValues, oracleName: "GSL",
        tolerance: tolerance)
    } catch {
      return .error(claim, error)
    }
  }

  static let smoothness = CheckParameter.integer(
    "smoothness", in: 1...5,
    help: "k: the input |x - 0.4|^k has k - 1 continuous derivatives and a bounded k-th")
  static let slopeBound = CheckParameter.number(
    "slope-at-most", within: -20...0, help: "the fitted log-log slope must not exceed this")

  static let errorSlope = Check(
    name: "hippo.error-slope", kind: .figure,
    summary: "The L2 error of the LegS approximation of |x - 0.4|^k on the window, against N on "
      + "log-log axes: the kernel's errors (own quadrature, split at the kink) against GSL's "
      + "(qags projection and error integral), and the slope fitted by GSL's gsl_fit_linear.",
    parameters: [sizes, smoothness, slopeBound], oracles: .gsl
  ) { claim, _ in
    do {
      let tolerance = try claim.requiredTolerance()
      let k = try claim[smoothness]
      let bound = try claim[slopeBound]
      let f: (Double) -> Double = { pow(abs($0 - 0.4), Double(k)) }
      let window = HiPPO.Window.translated(theta: 2)
      var ours: [Double] = []
      var theirs: [Double] = []
      let ns = try claim[sizes]
      // On the window [-1, 1] (T = 1, theta = 2), time and x coincide.
      for n in ns {
        let c = try HiPPO.projection(
          of: f, at: 1, window: window, size: n, points: 300, breaks: [0.4])
        let rule = try GaussLegendre(points: 300)
        let squared =
          rule.integrate(from: -1, to: 0.4) { x in
            let e = f(x) - ((try? HiPPO.reconstruction(c, at: x, time: 1, window: window)) ?? .nan)
            return e * e
          }
          + rule.integrate(from: 0.4, to: 1) { x in
            let e = f(x) - ((try? HiPPO.reconstruction(c, at: x, time: 1, window: window)) ?? .nan)
            return e * e
          }
        ours.append((squared / 2).squareRoot())
        let g = try HiPPOSupport.gslProjection(of: f, at: 1, window: window, size: n)
        let gslSquared = try GSL.integrate(from: -1, to: 1, relativeTolerance: 1e-10) { x in
          guard let p = try? GSL.legendre(upTo: n - 1, at: x) else { return .nan }
          let r = HiPPOSupport.series(g, p)
          return (f(x) - r) * (f(x) - r)
        }.value
        theirs.append((gslSquared / 2).squareRoot())
      }
      let logN = ns.map { log(Double($0)) }
      let fit = try GSL.linearFit(logN, ours.map { log($0) })
      let gslFit = try GSL.linearFit(logN, theirs.map { log($0) })
      let figure = Figure(
        title: "LegS approximation error of |x - 0.4|^\(k) against N", xLabel: "N",
        yLabel: "L2 error", logX: true, logY: true,
        series: [
          .init(name: "kernel", style: .points, x: ns.map(Double.init), y: ours),
          .init(
            name: "fitted slope \(NumberFormatting.short(fit.slope, digits: 3))", style: .line,
            x: ns.map(Double.init), y: logN.map { exp(fit.intercept + fit.slope * $0) }),
        ])
      var result = FigureSupport.result(
        claim, figure: figure, kernel: ours, oracle: theirs, oracleName: "GSL",
        tolerance: tolerance)
      var outcome = CaseOutcome()
      outcome.require(
        fit.slope <= bound, "slope at most \(NumberFormatting.short(bound))",
        note: "the fitted slope is \(fit.slope)")
      outcome.inform("slope (kernel errors)", fit.slope, against: gslFit.slope, unit: .absolute(0))
      if !outcome.passed { result.verdict = .failed }
      result.measurements += outcome.measurements
      result.details += outcome.notes
      result.summary +=
        "; fitted slope \(NumberFormatting.short(fit.slope, digits: 3)) "
        + "(GSL's errors: \(NumberFormatting.short(gslFit.slope, digits: 3)); "
        + "bound \(NumberFormatting.short(bound)))"
      return result
    } catch {
      return .error(claim, error)
    }
  }
}
