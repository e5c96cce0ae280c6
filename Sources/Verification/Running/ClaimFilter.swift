public import SpecEngine

/// Selects claims by ID: a claim (`A9.1.5`), everything under a map item or section
/// (`A9.1.7` also takes `A9.1.7.figure`; `A9.1` takes the whole section), or one table row
/// (`A9.1.7/count=3`).
public struct ClaimFilter: Sendable, Hashable {
  /// The IDs asked for.
  public var ids: [String]

  /// Creates a filter; an empty list selects everything.
  public init(_ ids: [String]) { self.ids = ids }

  /// Returns the selected claims, with tables cut down to the selected rows.
  public func apply(to claims: [Claim]) -> [Claim] {
    guard !ids.isEmpty else { return claims }
    return claims.compactMap { claim in
      if ids.contains(where: { covers($0, claim.id) }) { return claim }
      guard var table = claim.table else { return nil }
      table.rows = table.rows.filter { row in ids.contains(row.id) }
      guard !table.rows.isEmpty else { return nil }
      var cut = claim
      cut.table = table
      return cut
    }
  }

  /// Returns the IDs that selected nothing, for a helpful error.
  public func unmatched(in claims: [Claim]) -> [String] {
    ids.filter { id in
      !claims.contains { claim in
        covers(id, claim.id) || (claim.table?.rows.contains { $0.id == id } ?? false)
      }
    }
  }

  private func covers(_ asked: String, _ id: String) -> Bool {
    id == asked || id.hasPrefix(asked + ".") || id.hasPrefix(asked + "/")
  }
}
