import Foundation
import SpecEngine
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("SVG plots")
struct SVGPlotTests {
  /// Returns whether the text parses as XML (a well-formed document).
  static func isWellFormed(_ svg: String) -> Bool {
    let parser = XMLParser(data: Data(svg.utf8))
    return parser.parse()
  }

  /// Returns how many times `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  static let line = Figure(
    title: "t", xLabel: "x", yLabel: "y",
    series: [Figure.Series(name: "s", style: .line, x: [0, 1, 2], y: [0, 1, 4])])

  @Test("A small line plot renders exactly as pinned")
  func smallLinePlotGolden() {
    let svg = SVGPlot.render(Self.line, width: 320, height: 200)
    #expect(
      svg == """
        <svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200" \
        role="img" aria-label="t" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>t</title>
        <rect width="320" height="200" fill="#ffffff"/>
        <text x="160" y="22" text-anchor="middle" font-size="15" font-weight="bold">t</text>
        <g stroke="#e5e5e5" stroke-width="1">
        <line x1="66.15" y1="60" x2="66.15" y2="152"/>
        <line x1="123.32" y1="60" x2="123.32" y2="152"/>
        <line x1="180.5" y1="60" x2="180.5" y2="152"/>
        <line x1="237.68" y1="60" x2="237.68" y2="152"/>
        <line x1="294.85" y1="60" x2="294.85" y2="152"/>
        <line x1="57" y1="148.59" x2="304" y2="148.59"/>
        <line x1="57" y1="127.3" x2="304" y2="127.3"/>
        <line x1="57" y1="106" x2="304" y2="106"/>
        <line x1="57" y1="84.7" x2="304" y2="84.7"/>
        <line x1="57" y1="63.41" x2="304" y2="63.41"/>
        </g>
        <rect x="57" y="60" width="247" height="92" fill="none" stroke="#333333"/>
        <g fill="#333333">
        <text x="66.15" y="168" text-anchor="middle">0</text>
        <text x="123.32" y="168" text-anchor="middle">0.5</text>
        <text x="180.5" y="168" text-anchor="middle">1</text>
        <text x="237.68" y="168" text-anchor="middle">1.5</text>
        <text x="294.85" y="168" text-anchor="middle">2</text>
        <text x="51" y="152.59" text-anchor="end">0</text>
        <text x="51" y="131.3" text-anchor="end">1</text>
        <text x="51" y="110" text-anchor="end">2</text>
        <text x="51" y="88.7" text-anchor="end">3</text>
        <text x="51" y="67.41" text-anchor="end">4</text>
        </g>
        <text x="180.5" y="188" text-anchor="middle">x</text>
        <text x="16" y="106" text-anchor="middle" transform="rotate(-90 16 106)">y</text>
        <g fill="#0072B2" stroke="#0072B2">
        <polyline points="66.15,148.59 180.5,127.3 294.85,63.41" fill="none" stroke-width="2"/>
        </g>
        <g fill="#0072B2" stroke="#0072B2">
        <line x1="57" y1="45" x2="79" y2="45" stroke-width="2"/>
        </g>
        <text x="85" y="49" fill="#222222">s</text>
        </svg>

        """)
  }

  @Test("Output starts with <svg, is well-formed, and escapes XML in every label")
  func escapesAndIsWellFormed() {
    let figure = Figure(
      title: "a < b & c", xLabel: "x \"quoted\"", yLabel: "y's",
      series: [
        Figure.Series(name: "<kernel> & GSL", style: .points, x: [1, 2], y: [3, 4])
      ])
    let svg = SVGPlot.render(figure)
    #expect(svg.hasPrefix("<svg "))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains("a &lt; b &amp; c"))
    #expect(svg.contains("&lt;kernel&gt; &amp; GSL"))
    #expect(svg.contains("x &quot;quoted&quot;"))
    #expect(svg.contains("y&apos;s"))
    #expect(!svg.contains("a < b"))
    #expect(Self.isWellFormed(svg))
  }

  @Test("Rendering twice gives identical bytes", arguments: [false, true])
  func deterministic(logY: Bool) {
    let figure = Figure(
      title: "pmf", xLabel: "n", yLabel: "P", logY: logY,
      series: [
        Figure.Series(name: "a", style: .bars, x: [0, 1, 2, 3], y: [0.05, 0.15, 0.22, 0.22]),
        Figure.Series(name: "b", style: .line, x: [0, 1, 2, 3], y: [0.05, 0.15, 0.22, 0.22]),
        Figure.Series(name: "c", style: .points, x: [0.5, 1.5], y: [0.1, 0.2]),
      ])
    #expect(SVGPlot.render(figure) == SVGPlot.render(figure))
    #expect(Self.isWellFormed(SVGPlot.render(figure)))
  }

  @Test("A log axis skips zero and negative values and ticks at decades")
  func logAxisSkipsNonPositive() {
    let figure = Figure(
      title: "errors", xLabel: "x", yLabel: "ulp", logX: true, logY: true,
      series: [
        Figure.Series(
          name: "err", style: .points, x: [1e-3, 1e-2, 0, -1, 1, 10, 100],
          y: [1, 2, 5, 1, 0, 1e3, 4])
      ])
    let svg = SVGPlot.render(figure)
    // Points (1e-3, 1), (1e-2, 2), (10, 1e3), (100, 4) are drawn; the other three are skipped.
    // The fifth circle is the legend's marker.
    #expect(Self.count("<circle", in: svg) == 4 + 1)
    for label in [">0.001<", ">0.01<", ">0.1<", ">1<", ">10<", ">100<", ">1000<"] {
      #expect(svg.contains(label), "missing tick \(label)")
    }
    #expect(svg.contains("ulp (log scale)"))
    #expect(!svg.contains("nan") && !svg.contains("inf"))
    #expect(Self.isWellFormed(svg))
  }

  @Test("A log axis within one decade ticks at 1, 2 and 5 times a power of ten")
  func logAxisWithinOneDecade() {
    let figure = Figure(
      title: "t", xLabel: "x", yLabel: "y", logY: true,
      series: [Figure.Series(name: "s", style: .line, x: [0, 1], y: [1.5, 6])])
    let svg = SVGPlot.render(figure)
    #expect(svg.contains(">2<") && svg.contains(">5<"))
  }

  @Test("A NaN breaks a line into two polylines")
  func nanBreaksLine() {
    let figure = Figure(
      title: "t", xLabel: "x", yLabel: "y",
      series: [
        Figure.Series(
          name: "s", style: .line, x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 3, 4, .infinity])
      ])
    let svg = SVGPlot.render(figure)
    #expect(Self.count("<polyline", in: svg) == 2)
    #expect(!svg.contains("nan") && !svg.contains("inf"))
  }

  @Test("Coordinates near the largest double do not overflow the axes")
  func hugeValuesAreSkipped() {
    let figure = Figure(
      title: "t", xLabel: "x", yLabel: "y",
      series: [
        Figure.Series(
          name: "s", style: .points, x: [-1.7e308, 0, 1, 1.7e308], y: [1, 2, 3, 4])
      ])
    let svg = SVGPlot.render(figure)
    #expect(Self.count("<circle", in: svg) == 2 + 1)
    #expect(!svg.contains("nan") && !svg.contains("inf"))
  }

  @Test("A figure without drawable points says so and is still well-formed")
  func emptyFigure() {
    let empty = Figure(title: "nothing", xLabel: "x", yLabel: "y", series: [])
    let allBad = Figure(
      title: "nothing", xLabel: "x", yLabel: "y", logY: true,
      series: [Figure.Series(name: "s", style: .bars, x: [1, 2], y: [0, -3])])
    for figure in [empty, allBad] {
      let svg = SVGPlot.render(figure)
      #expect(svg.contains(">no data<"))
      #expect(Self.isWellFormed(svg))
    }
  }

  @Test("Bars start at zero and series get distinct colours")
  func barsFromZero() {
    let figure = Figure(
      title: "t", xLabel: "x", yLabel: "y",
      series: [
        Figure.Series(name: "a", style: .bars, x: [1, 2, 3], y: [5, 6, 7]),
        Figure.Series(name: "b", style: .bars, x: [1, 2, 3], y: [4, 5, 6]),
      ])
    let svg = SVGPlot.render(figure)
    #expect(svg.contains(">0<"))
    #expect(svg.contains(SVGPlot.palette[0]) && svg.contains(SVGPlot.palette[1]))
    #expect(Self.count("fill-opacity=\"0.85\"", in: svg) == 6 + 2)
  }
}

@Suite("SVG plots with equal aspect")
struct SVGEqualAspectTests {
  /// Returns the width and height in pixels of the first polyline.
  static func extent(_ svg: String) -> (width: Double, height: Double) {
    let points = svg.components(separatedBy: "<polyline points=\"")[1].prefix { $0 != "\"" }
    let pairs = points.split(separator: " ").map {
      $0.split(separator: ",").compactMap { Double($0) }
    }
    let xs = pairs.compactMap(\.first)
    let ys = pairs.compactMap(\.last)
    return ((xs.max() ?? 0) - (xs.min() ?? 0), (ys.max() ?? 0) - (ys.min() ?? 0))
  }

  /// An ellipse twice as wide as high.
  static func figure(equalAspect: Bool) -> Figure {
    let t = (0...36).map { Double($0) / 36 * 2 * Double.pi }
    return Figure(
      title: "e", xLabel: "x", yLabel: "y", equalAspect: equalAspect,
      series: [.init(name: "e", style: .line, x: t.map { 2 * cos($0) }, y: t.map { sin($0) })])
  }

  @Test("One unit is as many pixels across as up: the 4 by 2 ellipse is drawn 2 to 1")
  func equalScale() {
    let (width, height) = Self.extent(SVGPlot.render(Self.figure(equalAspect: true)))
    // Coordinates have two decimals, so the ratio is exact to about 1e-4.
    #expect(abs(width / height - 2) < 1e-3, "\(width) x \(height) px")
  }

  @Test("Without the option, the axes fill the frame and the ratio is the frame's")
  func defaultScale() {
    let (width, height) = Self.extent(SVGPlot.render(Self.figure(equalAspect: false)))
    #expect(abs(width / height - 2) > 0.1, "\(width) x \(height) px")
  }

  @Test("Logarithmic axes ignore the option")
  func logAxes() {
    var figure = Self.figure(equalAspect: true)
    figure.logY = true
    var plain = figure
    plain.equalAspect = false
    #expect(SVGPlot.render(figure) == SVGPlot.render(plain))
  }
}
