import Foundation
import Testing

@testable import SpecEngine

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Machine-readable verdicts")
struct VerdictsDocumentTests {
  static let document = VerdictsDocument(
    entries: [(RenderingFixtures.spec, RenderingFixtures.results)], run: RenderingFixtures.run)

  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("Every claim and row is recorded with its verdict, measurements, replay and anchor")
  func contents() throws {
    let claims = Self.document.claims
    #expect(claims.map(\.id) == ["A9.0.1", "A9.1.1", "A9.1.2", "A9.1.3", "A9.2.1"])
    #expect(claims.map(\.verdict) == [.narrative, .failed, .failed, .passed, .error])
    let property = try #require(Self.document.find("A9.1.2")?.claim)
    #expect(property.replay == "A9.1.2@9e8eeb7a86a6019a#417")
    #expect(
      property.section == "A9.1" && property.kind == "property" && property.spec == "09-poisson")
    #expect(property.measurements.first?.bound == 64)
    #expect(property.measurements.first?.passed == false)
    #expect(property.measurements.last?.bound == nil)
    #expect(property.link == "09-poisson.html#A9.1.2")
    let row = try #require(Self.document.find("A9.1.1/2")?.row)
    #expect(row.verdict == .failed && row.anchor == "A9.1.1/2" && row.line == 28)
    #expect(Self.document.find("A9.9.9") == nil)
    #expect(Self.document.run == RenderingFixtures.run)
    #expect(Self.document.specs.map(\.report) == ["09-poisson.html"])
  }

  @Test("Written to disk and read back, the document is the same")
  func roundTrip() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("crosscheck-verdicts-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = try ReportWriter(directory: folder).write(
      Self.document.json(), named: "verdicts.json")
    let data = try #require(FileManager.default.contents(atPath: path))
    let read = try VerdictsDocument.read(json: [UInt8](data))
    #expect(read == Self.document)
    #expect(read.json() == Self.document.json())
  }

  @Test("The JSON validates against Docs/verdicts.schema.json")
  func validatesAgainstSchema() throws {
    let schemaURL = Self.root.appendingPathComponent("Docs/verdicts.schema.json")
    let schema = try JSONValue.parse(Data(contentsOf: schemaURL))
    let instance = try JSONValue.parse(Data(Self.document.json().utf8))
    let problems = SchemaValidator(root: schema).validate(instance)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test("The validator has teeth: a missing key, a wrong type and an unknown verdict are caught")
  func validatorCatchesMistakes() throws {
    let schema = try JSONValue.parse(
      Data(contentsOf: Self.root.appendingPathComponent("Docs/verdicts.schema.json")))
    let json = Self.document.json()
    for broken in [
      json.replacingOccurrences(of: "\"replay\" : null,", with: ""),
      json.replacingOccurrences(of: "\"line\" : 28", with: "\"line\" : \"28\""),
      json.replacingOccurrences(of: "\"verdict\" : \"passed\"", with: "\"verdict\" : \"fine\""),
      json.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2"),
      json.replacingOccurrences(of: "\"unit\" : \"ulp\"", with: "\"unit\" : \"ulp\", \"x\" : 1"),
    ] {
      #expect(broken != json)
      let problems = SchemaValidator(root: schema).validate(try JSONValue.parse(Data(broken.utf8)))
      #expect(!problems.isEmpty)
    }
  }

  @Test("Non-finite measurements are written as strings and read back")
  func nonFinite() throws {
    var results = RenderingFixtures.results
    results["A9.1.3"]?.measurements = [
      Measurement(label: "a", value: .infinity, bound: 4, unit: "ulp", passed: false),
      Measurement(label: "b", value: .nan, unit: "ulp"),
    ]
    let document = VerdictsDocument(
      entries: [(RenderingFixtures.spec, results)], run: RenderingFixtures.run)
    let json = document.json()
    #expect(json.contains("\"value\" : \"inf\"") && json.contains("\"value\" : \"nan\""))
    let read = try VerdictsDocument.read(json: Array(json.utf8))
    let values = read.find("A9.1.3")?.claim.measurements.map(\.value) ?? []
    #expect(values.count == 2 && values[0] == .infinity && values[1].isNaN)
  }

  @Test(
    "Text that is not a verdicts document is refused with one line",
    arguments: [
      "", "{", "[]", "{\"format\": \"crosscheck-verdicts\"}",
      "{\"format\": \"other\", \"formatVersion\": 1}",
      "{\"format\": \"crosscheck-verdicts\", \"formatVersion\": 1, \"claims\": 3}",
    ])
  func malformed(_ text: String) {
    #expect {
      try VerdictsDocument.read(json: Array(text.utf8))
    } throws: { error in
      let line = "\(error)"
      return error is VerdictsDocument.Error && !line.contains("\n") && !line.isEmpty
    }
  }
}

@Suite("JUnit XML")
struct JUnitReportTests {
  static let xml = JUnitReport.xml(VerdictsDocumentTests.document)

  @Test("One test case per claim: failures, errors and skipped narrative items")
  func shape() throws {
    let tree = try XMLTree.parse(Self.xml)
    let problems = JUnitShape.check(tree)
    #expect(problems.isEmpty, "\(problems)")
    #expect(tree.name == "testsuites")
    #expect(tree.attributes["tests"] == "5" && tree.attributes["failures"] == "2")
    #expect(tree.attributes["errors"] == "1" && tree.attributes["skipped"] == "1")
    let suite = try #require(tree.children.first)
    #expect(suite.name == "testsuite" && suite.attributes["name"] == "09-poisson")
    let cases = suite.children.filter { $0.name == "testcase" }
    #expect(cases.count == 5)
    let byID = Dictionary(
      uniqueKeysWithValues: cases.map { (String($0.attributes["name"]?.prefix(6) ?? ""), $0) })
    #expect(byID["A9.0.1"]?.children.map(\.name) == ["skipped"])
    #expect(byID["A9.1.1"]?.children.map(\.name) == ["failure"])
    #expect(
      byID["A9.1.2"]?.children.first?.attributes["message"] == "3 of 200 cases exceed the bound")
    #expect(
      byID["A9.1.2"]?.children.first?.text.contains("--replay 'A9.1.2@9e8eeb7a86a6019a#417'")
        == true)
    #expect(byID["A9.1.3"]?.children.isEmpty == true)
    #expect(byID["A9.2.1"]?.children.map(\.name) == ["error"])
    let properties = suite.children.first { $0.name == "properties" }?.children ?? []
    #expect(properties.contains { $0.attributes == ["name": "commit", "value": "abc1234"] })
  }

  @Test("Special characters are escaped, so the document stays well-formed")
  func escaping() throws {
    var results = RenderingFixtures.results
    results["A9.1.2"]?.summary = "a < b & \"c\" > d\u{1}"
    let xml = JUnitReport.xml(
      VerdictsDocument(entries: [(RenderingFixtures.spec, results)], run: RenderingFixtures.run))
    let tree = try XMLTree.parse(xml)
    let failure = tree.children.first?.children.first {
      $0.attributes["name"]?.hasPrefix("A9.1.2") == true
    }
    #expect(failure?.children.first?.attributes["message"] == "a < b & \"c\" > d")
  }
}

// MARK: - Test support: JSON values, a JSON Schema subset, an XML tree

/// A parsed JSON value that keeps booleans, numbers and null apart.
indirect enum JSONValue: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  static func parse(_ data: Data) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: data)
  }

  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number(let n): n.rounded() == n ? "integer" : "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

/// Validates JSON against the subset of JSON Schema 2020-12 the verdicts schema uses.
///
/// `type` (one or several), `const`, `enum`, `required`, `properties`, `additionalProperties:
/// false`, `items`, `anyOf` and `$ref` to `#/$defs/...`; any other keyword fails validation,
/// so the schema cannot use a keyword this validator would silently skip.
struct SchemaValidator {
  let root: JSONValue

  func validate(_ value: JSONValue) -> [String] { validate(value, against: root, at: "$") }

  private func validate(_ value: JSONValue, against schema: JSONValue, at path: String) -> [String]
  {
    guard case .object(let keywords) = schema else { return ["\(path): schema is not an object"] }
    var problems: [String] = []
    for (keyword, argument) in keywords {
      switch keyword {
      case "$schema", "$id", "title", "description", "$defs":
        continue
      case "$ref":
        guard case .string(let ref) = argument, ref.hasPrefix("#/$defs/"),
          case .object(let top) = root, case .object(let defs)? = top["$defs"],
          let target = defs[String(ref.dropFirst("#/$defs/".count))]
        else {
          problems.append("\(path): cannot resolve \(argument)")
          continue
        }
        problems += validate(value, against: target, at: path)
      case "type":
        let allowed: [String]
        switch argument {
        case .string(let t): allowed = [t]
        case .array(let ts):
          allowed = ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
        default: allowed = []
        }
        let actual = value.typeName
        if !(allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))) {
          problems.append("\(path): \(actual) is not \(allowed)")
        }
      case "const":
        if value != argument { problems.append("\(path): not the constant \(argument)") }
      case "enum":
        guard case .array(let options) = argument, options.contains(value) else {
          problems.append("\(path): \(value) is not one of \(argument)")
          continue
        }
      case "required":
        guard case .object(let members) = value, case .array(let names) = argument else { continue }
        for case .string(let name) in names where members[name] == nil {
          problems.append("\(path): '\(name)' is missing")
        }
      case "properties":
        guard case .object(let members) = value, case .object(let schemas) = argument else {
          continue
        }
        for (name, member) in members {
          if let memberSchema = schemas[name] {
            problems += validate(member, against: memberSchema, at: "\(path).\(name)")
          }
        }
      case "additionalProperties":
        guard argument == .bool(false), case .object(let members) = value,
          case .object(let schemas)? = keywords["properties"]
        else { continue }
        for name in members.keys where schemas[name] == nil {
          problems.append("\(path): unexpected '\(name)'")
        }
      case "items":
        guard case .array(let elements) = value else { continue }
        for (i, element) in elements.enumerated() {
          problems += validate(element, against: argument, at: "\(path)[\(i)]")
        }
      case "anyOf":
        guard case .array(let options) = argument else { continue }
        if !options.contains(where: { validate(value, against: $0, at: path).isEmpty }) {
          problems.append("\(path): matches none of anyOf")
        }
      default:
        problems.append("\(path): the validator does not know '\(keyword)'")
      }
    }
    return problems
  }
}

/// An XML element with its attributes, child elements and text.
struct XMLTree {
  var name: String
  var attributes: [String: String]
  var children: [XMLTree] = []
  var text = ""

  struct ParseError: Error {}

  static func parse(_ xml: String) throws -> XMLTree {
    let parser = XMLParser(data: Data(xml.utf8))
    let builder = Builder()
    parser.delegate = builder
    guard parser.parse(), let root = builder.stack.first?.children.first else { throw ParseError() }
    return root
  }

  final class Builder: NSObject, XMLParserDelegate {
    var stack = [XMLTree(name: "", attributes: [:])]

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      stack.append(XMLTree(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack[stack.count - 1].text += string
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      let done = stack.removeLast()
      stack[stack.count - 1].children.append(done)
    }
  }
}

/// The JUnit shape CI systems read: which elements may hold which, and their required attributes.
enum JUnitShape {
  static let children: [String: Set<String>] = [
    "testsuites": ["testsuite"], "testsuite": ["properties", "testcase"],
    "properties": ["property"], "property": [], "testcase": ["failure", "error", "skipped"],
    "failure": [], "error": [], "skipped": [],
  ]
  static let required: [String: [String]] = [
    "testsuites": ["tests", "failures", "errors", "skipped"],
    "testsuite": ["name", "tests", "failures", "errors", "skipped"],
    "property": ["name", "value"], "testcase": ["name", "classname"], "failure": ["message"],
    "error": ["message"], "skipped": ["message"],
  ]

  static func check(_ tree: XMLTree, at path: String = "") -> [String] {
    let here = "\(path)/\(tree.name)"
    var problems: [String] = []
    guard let allowed = children[tree.name] else { return ["\(here): unknown element"] }
    for attribute in required[tree.name] ?? [] where tree.attributes[attribute] == nil {
      problems.append("\(here): no \(attribute)")
    }
    if tree.name == "testcase" && tree.children.count > 1 {
      problems.append("\(here): more than one outcome")
    }
    if tree.name == "testsuite" || tree.name == "testsuites" {
      let cases =
        tree.name == "testsuite"
        ? tree.children.filter { $0.name == "testcase" }
        : tree.children.flatMap { $0.children.filter { $0.name == "testcase" } }
      let counted = [
        ("tests", cases.count), ("failures", cases.count { $0.children.first?.name == "failure" }),
        ("errors", cases.count { $0.children.first?.name == "error" }),
        ("skipped", cases.count { $0.children.first?.name == "skipped" }),
      ]
      for (name, count) in counted where tree.attributes[name] != "\(count)" {
        problems.append(
          "\(here): \(name) is \(tree.attributes[name] ?? "absent"), counted \(count)")
      }
    }
    for child in tree.children {
      if !allowed.contains(child.name) { problems.append("\(here): \(child.name) not allowed") }
      problems += check(child, at: here)
    }
    return problems
  }
}
