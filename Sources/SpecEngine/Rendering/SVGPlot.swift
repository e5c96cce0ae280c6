import Foundation

/// Draws a ``Figure`` as a self-contained, deterministic SVG document.
///
/// The output depends only on the figure and the size: coordinates are written with two
/// decimals, no dates, no random IDs and no external resources, so identical input gives
/// byte-identical output and reports can be diffed in version control.
///
/// Axes get "nice" ticks (1, 2 or 5 times a power of ten on linear axes; decades on log10
/// axes, with 2 and 5 between them when the data span less than a decade). Points that cannot
/// be drawn are skipped: NaN, infinite and huge (beyond 1e300) coordinates anywhere, zero and
/// negative values on a logarithmic axis. A line is broken where a point is skipped; extra x or
/// y values of a series whose coordinate lists differ in length are ignored.
///
/// Series are told apart by more than colour: the palette is Okabe and Ito's colour-blind-safe
/// set, lines get dash patterns and points get marker shapes that cycle with the series index.
///
/// [Okabe and Ito 2008]: https://jfly.uni-koeln.de/color/
public enum SVGPlot {
  /// The colour-blind-safe palette (Okabe and Ito), in the order series use it.
  public static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
  ]

  /// Returns the figure drawn as an SVG document that starts with `<svg`.
  ///
  /// - Parameters:
  ///   - figure: the data, labels and axis scales.
  ///   - width: the width in pixels (at least 160).
  ///   - height: the height in pixels (at least 120).
  /// - Returns: the SVG text, ending with a newline.
  public static func render(_ figure: Figure, width: Int = 640, height: Int = 360) -> String {
    let width = Swift.max(width, 160)
    let height = Swift.max(height, 120)
    let points = figure.series.map { drawablePoints(of: $0, logX: figure.logX, logY: figure.logY) }
    let hasBars = figure.series.contains { $0.style == .bars }
    let allPoints = points.flatMap { $0 }.compactMap { $0 }
    var xAxis = Axis(
      values: allPoints.map(\.x), logarithmic: figure.logX,
      includeZero: false, barPadding: hasBars ? barSpacing(points, figure) : 0)
    var yAxis = Axis(
      values: allPoints.map(\.y), logarithmic: figure.logY,
      includeZero: hasBars && !figure.logY, barPadding: 0)

    // The left margin makes room for the longest y tick label beside the rotated axis label.
    let longestLabel = yAxis.ticks.map { $0.label.count }.max() ?? 1
    let left = Swift.min(Double(Swift.max(longestLabel, 3)) * 7 + 36, Double(width) / 3)
    let legend = legendLayout(figure, left: left, right: Double(width) - 16)
    let legendRows = (legend.map(\.row).max() ?? -1) + 1
    // Many legend rows may crowd the plot, but never take more than half the height.
    let legendHeight = legendRows > 0 ? Double(legendRows) * 18 + 6 : 0
    let top = Swift.min(36 + legendHeight, Double(height) / 2)
    let frame = PlotFrame(width: Double(width), height: Double(height), top: top, left: left)
    if figure.equalAspect && !figure.logX && !figure.logY && !allPoints.isEmpty {
      Axis.equalize(&xAxis, &yAxis, width: frame.plotWidth, height: frame.plotHeight)
    }

    var svg = SVGBuilder()
    let label = escape(figure.title)
    svg.line(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(label)\" "
        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
    svg.line("<title>\(label)</title>")
    svg.line("<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>")
    drawAxes(&svg, frame: frame, x: xAxis, y: yAxis, figure: figure)
    if allPoints.isEmpty {
      let cx = f(frame.left + frame.plotWidth / 2)
      let cy = f(frame.top + frame.plotHeight / 2)
      svg.line(
        "<text x=\"\(cx)\" y=\"\(cy)\" text-anchor=\"middle\" fill=\"#555555\">no data</text>")
    }
    drawSeries(&svg, frame: frame, x: xAxis, y: yAxis, figure: figure, points: points)
    drawLegend(&svg, figure: figure, layout: legend)
    svg.line("</svg>")
    return svg.text
  }

  /// Returns text with the five XML special characters escaped.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(character)
      }
    }
    return out
  }

  // MARK: - Data

  struct Point: Hashable {
    var x: Double
    var y: Double
  }

  /// Returns one entry per input pair: the point, or nil where it cannot be drawn.
  static func drawablePoints(of series: Figure.Series, logX: Bool, logY: Bool) -> [Point?] {
    zip(series.x, series.y).map { x, y in
      // Beyond 1e300 the axis arithmetic (spans, padding) would overflow to infinity.
      guard x.isFinite, y.isFinite, x.magnitude <= 1e300, y.magnitude <= 1e300 else { return nil }
      if logX && x <= 0 { return nil }
      if logY && y <= 0 { return nil }
      return Point(x: x, y: y)
    }
  }

  /// Returns the smallest gap between distinct x values of bar series, in data units (0 if none).
  static func barSpacing(_ points: [[Point?]], _ figure: Figure) -> Double {
    guard !figure.logX else { return 0 }
    var xs: [Double] = []
    for (series, list) in zip(figure.series, points) where series.style == .bars {
      xs += list.compactMap { $0?.x }
    }
    let sorted = Array(Set(xs)).sorted()
    guard sorted.count >= 2 else { return sorted.isEmpty ? 0 : 1 }
    var gap = Double.infinity
    for i in 1..<sorted.count { gap = Swift.min(gap, sorted[i] - sorted[i - 1]) }
    return gap
  }

  // MARK: - Layout

  struct PlotFrame {
    var width: Double
    var height: Double
    var top: Double
    var left: Double
    var right: Double { width - 16 }
    var bottom: Double { height - 48 }
    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }
  }

  /// One axis: its domain (in log10 units when logarithmic) and its ticks.
  struct Axis {
    var logarithmic: Bool
    var low: Double
    var high: Double
    var ticks: [(value: Double, label: String)]

    init(values: [Double], logarithmic: Bool, includeZero: Bool, barPadding: Double) {
      self.logarithmic = logarithmic
      var data = logarithmic ? values.map { Foundation.log10($0) } : values
      if includeZero { data.append(0) }
      var low = data.min() ?? 0
      var high = data.max() ?? 1
      if data.isEmpty {
        (low, high) = (0, 1)
      } else if low == high {
        let pad = logarithmic ? 0.5 : Swift.max(low.magnitude * 0.5, 1)
        (low, high) = (low - pad, high + pad)
        if includeZero && low < 0 && data.allSatisfy({ $0 >= 0 }) { low = 0 }
      } else {
        let pad = 0.04 * (high - low)
        let zeroLow = includeZero && low == 0
        let zeroHigh = includeZero && high == 0
        low -= zeroLow ? 0 : pad
        high += zeroHigh ? 0 : pad
      }
      low -= barPadding / 2
      high += barPadding / 2
      self.low = low
      self.high = high
      self.ticks = logarithmic ? Axis.logTicks(low, high) : Axis.linearTicks(low, high)
    }

    /// Widens the axis that has fewer data units per pixel, about its centre, so that both
    /// have the same scale; the ticks are recomputed for the new range.
    static func equalize(_ x: inout Axis, _ y: inout Axis, width: Double, height: Double) {
      guard width > 0, height > 0 else { return }
      let xScale = (x.high - x.low) / width
      let yScale = (y.high - y.low) / height
      guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0 else { return }
      if xScale < yScale {
        x.widen(to: yScale * width)
      } else if yScale < xScale {
        y.widen(to: xScale * height)
      }
    }

    /// Widens the range to `span` data units about its centre, and recomputes the ticks.
    mutating func widen(to span: Double) {
      let centre = (low + high) / 2
      low = centre - span / 2
      high = centre + span / 2
      ticks = logarithmic ? Axis.logTicks(low, high) : Axis.linearTicks(low, high)
    }

    /// Returns the position of a data value as a fraction of the axis, 0 at `low`.
    func fraction(_ value: Double) -> Double {
      let v = logarithmic ? Foundation.log10(value) : value
      return (v - low) / (high - low)
    }

    static func niceStep(_ raw: Double) -> Double {
      guard raw > 0, raw.isFinite else { return 1 }
      let exponent = Foundation.floor(Foundation.log10(raw))
      let base = NumberFormatting.power10(Int(exponent))
      let mantissa = raw / base
      let nice: Double = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10
      return nice * base
    }

    static func linearTicks(_ low: Double, _ high: Double) -> [(value: Double, label: String)] {
      let step = niceStep((high - low) / 5)
      let first = Foundation.ceil(low / step - 1e-9)
      let last = Foundation.floor(high / step + 1e-9)
      guard first <= last, last - first <= 50 else { return [] }
      let decimals = Swift.max(0, -Int(Foundation.floor(Foundation.log10(step))))
      let useShort = step >= 1e6 || step < 1e-4
      return stride(from: first, through: last, by: 1).map { k in
        let value = k * step
        let label =
          useShort
          ? NumberFormatting.short(value, digits: 3)
          : NumberFormatting.fixed(value, decimals: decimals)
        return (value, label)
      }
    }

    static func logTicks(_ low: Double, _ high: Double) -> [(value: Double, label: String)] {
      let first = Int(Foundation.ceil(low - 1e-9))
      let last = Int(Foundation.floor(high + 1e-9))
      var exponents: [Double] = []
      if first <= last {
        let count = last - first + 1
        let every = count > 8 ? (count + 7) / 8 : 1
        exponents = stride(from: first, through: last, by: every).map(Double.init)
      }
      if exponents.count < 2 {
        // Less than a decade: add 2 and 5 times the powers of ten in range.
        var extra: [Double] = []
        for decade in (Int(Foundation.floor(low)) - 1)...(Int(Foundation.ceil(high)) + 1) {
          for m in [1.0, 2.0, 5.0] {
            let e = Foundation.log10(m) + Double(decade)
            if e >= low - 1e-9 && e <= high + 1e-9 { extra.append(e) }
          }
        }
        exponents = extra
      }
      return exponents.map { e in
        let value = Foundation.pow(10, e)
        return (value, logLabel(value, exponent: e))
      }
    }

    static func logLabel(_ value: Double, exponent: Double) -> String {
      if exponent >= -3.0001 && exponent < 5 { return NumberFormatting.short(value, digits: 2) }
      let mantissa = NumberFormatting.short(
        value / NumberFormatting.power10(Int(Foundation.floor(exponent + 1e-9))), digits: 2)
      let power = Int(Foundation.floor(exponent + 1e-9))
      return mantissa == "1" ? "1e\(power)" : "\(mantissa)e\(power)"
    }
  }

  // MARK: - Drawing

  static func drawAxes(
    _ svg: inout SVGBuilder, frame: PlotFrame, x: Axis, y: Axis, figure: Figure
  ) {
    svg.line(
      "<text x=\"\(f(frame.width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" "
        + "font-weight=\"bold\">\(escape(figure.title))</text>")
    svg.line("<g stroke=\"#e5e5e5\" stroke-width=\"1\">")
    for tick in x.ticks {
      let px = frame.left + x.fraction(tick.value) * frame.plotWidth
      svg.line(
        "<line x1=\"\(f(px))\" y1=\"\(f(frame.top))\" x2=\"\(f(px))\" y2=\"\(f(frame.bottom))\"/>")
    }
    for tick in y.ticks {
      let py = frame.bottom - y.fraction(tick.value) * frame.plotHeight
      svg.line(
        "<line x1=\"\(f(frame.left))\" y1=\"\(f(py))\" x2=\"\(f(frame.right))\" y2=\"\(f(py))\"/>")
    }
    svg.line("</g>")
    svg.line(
      "<rect x=\"\(f(frame.left))\" y=\"\(f(frame.top))\" width=\"\(f(frame.plotWidth))\" "
        + "height=\"\(f(frame.plotHeight))\" fill=\"none\" stroke=\"#333333\"/>")
    svg.line("<g fill=\"#333333\">")
    for tick in x.ticks {
      let px = frame.left + x.fraction(tick.value) * frame.plotWidth
      svg.line(
        "<text x=\"\(f(px))\" y=\"\(f(frame.bottom + 16))\" text-anchor=\"middle\">"
          + "\(escape(tick.label))</text>")
    }
    for tick in y.ticks {
      let py = frame.bottom - y.fraction(tick.value) * frame.plotHeight
      svg.line(
        "<text x=\"\(f(frame.left - 6))\" y=\"\(f(py + 4))\" text-anchor=\"end\">"
          + "\(escape(tick.label))</text>")
    }
    svg.line("</g>")
    let xLabel = figure.xLabel + (figure.logX ? " (log scale)" : "")
    let yLabel = figure.yLabel + (figure.logY ? " (log scale)" : "")
    svg.line(
      "<text x=\"\(f(frame.left + frame.plotWidth / 2))\" y=\"\(f(frame.height - 12))\" "
        + "text-anchor=\"middle\">\(escape(xLabel))</text>")
    let cy = frame.top + frame.plotHeight / 2
    svg.line(
      "<text x=\"16\" y=\"\(f(cy))\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 16 \(f(cy)))\">\(escape(yLabel))</text>")
  }

  static func drawSeries(
    _ svg: inout SVGBuilder, frame: PlotFrame, x: Axis, y: Axis, figure: Figure,
    points: [[Point?]]
  ) {
    func px(_ p: Point) -> Double { frame.left + x.fraction(p.x) * frame.plotWidth }
    func py(_ p: Point) -> Double { frame.bottom - y.fraction(p.y) * frame.plotHeight }
    let barSeries = figure.series.indices.filter { figure.series[$0].style == .bars }
    let groupWidth = barGroupWidth(frame: frame, x: x, figure: figure, points: points)
    let baseline: Double = {
      if figure.logY || !(y.low...y.high).contains(0) { return frame.bottom }
      return frame.bottom - y.fraction(0) * frame.plotHeight
    }()

    for (index, series) in figure.series.enumerated() {
      let colour = palette[index % palette.count]
      let list = points[index]
      svg.line("<g fill=\"\(colour)\" stroke=\"\(colour)\">")
      switch series.style {
      case .bars:
        let slot = barSeries.firstIndex(of: index) ?? 0
        let barWidth = groupWidth / Double(Swift.max(barSeries.count, 1))
        let offset = -groupWidth / 2 + Double(slot) * barWidth
        for p in list.compactMap({ $0 }) {
          let top = py(p)
          let y0 = Swift.min(top, baseline)
          let h = Swift.abs(baseline - top)
          svg.line(
            "<rect x=\"\(f(px(p) + offset))\" y=\"\(f(y0))\" width=\"\(f(barWidth))\" "
              + "height=\"\(f(h))\" fill-opacity=\"0.85\" stroke=\"none\"/>")
        }
      case .line:
        var segment: [Point] = []
        var segments: [[Point]] = []
        for p in list {
          if let p {
            segment.append(p)
          } else if !segment.isEmpty {
            segments.append(segment)
            segment = []
          }
        }
        if !segment.isEmpty { segments.append(segment) }
        let dash = dashPatterns[index % dashPatterns.count]
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        for s in segments {
          if s.count == 1 {
            svg.line("<circle cx=\"\(f(px(s[0])))\" cy=\"\(f(py(s[0])))\" r=\"2\"/>")
            continue
          }
          let coordinates = s.map { "\(f(px($0))),\(f(py($0)))" }.joined(separator: " ")
          svg.line(
            "<polyline points=\"\(coordinates)\" fill=\"none\" stroke-width=\"2\""
              + "\(dashAttribute)/>")
        }
      case .points:
        for p in list.compactMap({ $0 }) {
          svg.line(marker(index: index, x: px(p), y: py(p), size: 3.5))
        }
      }
      svg.line("</g>")
    }
  }

  static let dashPatterns = ["", "6 3", "2 3", "8 3 2 3"]

  /// Returns the width of one group of bars (all bar series at one x), in pixels.
  static func barGroupWidth(frame: PlotFrame, x: Axis, figure: Figure, points: [[Point?]])
    -> Double
  {
    var pixels: [Double] = []
    for (series, list) in zip(figure.series, points) where series.style == .bars {
      pixels += list.compactMap { $0 }.map { frame.left + x.fraction($0.x) * frame.plotWidth }
    }
    let sorted = Array(Set(pixels)).sorted()
    var gap = frame.plotWidth / 10
    if sorted.count >= 2 {
      gap = .infinity
      for i in 1..<sorted.count { gap = Swift.min(gap, sorted[i] - sorted[i - 1]) }
    }
    return Swift.max(1, Swift.min(gap * 0.8, frame.plotWidth / 4))
  }

  /// Returns a marker whose shape cycles with the series index: circle, square, triangle, diamond.
  static func marker(index: Int, x: Double, y: Double, size s: Double) -> String {
    switch index % 4 {
    case 0:
      return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(s))\"/>"
    case 1:
      return
        "<rect x=\"\(f(x - s))\" y=\"\(f(y - s))\" width=\"\(f(2 * s))\" height=\"\(f(2 * s))\"/>"
    case 2:
      return "<polygon points=\"\(f(x)),\(f(y - s * 1.2)) \(f(x + s * 1.1)),\(f(y + s * 0.8)) "
        + "\(f(x - s * 1.1)),\(f(y + s * 0.8))\"/>"
    default:
      return "<polygon points=\"\(f(x)),\(f(y - s * 1.3)) \(f(x + s * 1.3)),\(f(y)) "
        + "\(f(x)),\(f(y + s * 1.3)) \(f(x - s * 1.3)),\(f(y))\"/>"
    }
  }

  /// Where each legend entry goes: left to right above the plot, wrapping to new rows.
  static func legendLayout(_ figure: Figure, left: Double, right: Double)
    -> [(x: Double, row: Int)]
  {
    var layout: [(x: Double, row: Int)] = []
    var x = left
    var row = 0
    for series in figure.series {
      let entryWidth = 30 + Double(Swift.min(series.name.count, 60)) * 7 + 18
      if x > left && x + entryWidth > right {
        row += 1
        x = left
      }
      layout.append((x, row))
      x += entryWidth
    }
    return layout
  }

  static func drawLegend(
    _ svg: inout SVGBuilder, figure: Figure, layout: [(x: Double, row: Int)]
  ) {
    for (index, (series, place)) in zip(figure.series, layout).enumerated() {
      let colour = palette[index % palette.count]
      let x0 = place.x
      let cy = 36 + 9 + Double(place.row) * 18
      svg.line("<g fill=\"\(colour)\" stroke=\"\(colour)\">")
      switch series.style {
      case .bars:
        svg.line(
          "<rect x=\"\(f(x0 + 2))\" y=\"\(f(cy - 5))\" width=\"18\" height=\"10\" "
            + "fill-opacity=\"0.85\" stroke=\"none\"/>")
      case .line:
        let dash = dashPatterns[index % dashPatterns.count]
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        svg.line(
          "<line x1=\"\(f(x0))\" y1=\"\(f(cy))\" x2=\"\(f(x0 + 22))\" y2=\"\(f(cy))\" "
            + "stroke-width=\"2\"\(dashAttribute)/>")
      case .points:
        svg.line(marker(index: index, x: x0 + 11, y: cy, size: 3.5))
      }
      svg.line("</g>")
      svg.line(
        "<text x=\"\(f(x0 + 28))\" y=\"\(f(cy + 4))\" fill=\"#222222\">"
          + "\(escape(series.name))</text>")
    }
  }

  /// Formats a coordinate with at most two decimals.
  static func f(_ value: Double) -> String { NumberFormatting.fixed(value, decimals: 2) }
}

/// Accumulates SVG lines.
struct SVGBuilder {
  private(set) var text = ""

  mutating func line(_ s: String) {
    text += s
    text += "\n"
  }
}
