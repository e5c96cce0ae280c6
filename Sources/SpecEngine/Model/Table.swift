/// The Markdown table of a table claim, with each column bound to a name the check understands.
public struct Table: Sendable, Hashable {
  /// One column: its header as written and the name it is bound to.
  public struct Column: Sendable, Hashable {
    /// The header cell's text, as written.
    public var header: String
    /// The binding from the claim's `columns:` line: a parameter name, `id`, or `-` (ignored).
    public var binding: String
    /// Where the header cell is.
    public var location: SourceLocation

    /// Creates a column.
    public init(header: String, binding: String, location: SourceLocation) {
      self.header = header
      self.binding = binding
      self.location = location
    }
  }

  /// One cell's text and place.
  public struct Cell: Sendable, Hashable {
    /// The cell's text, trimmed, as written.
    public var text: String
    /// Where the cell is.
    public var location: SourceLocation

    /// Creates a cell.
    public init(text: String, location: SourceLocation) {
      self.text = text
      self.location = location
    }

    /// The cell read as a number (thousands grouping allowed), or nil.
    public var number: StatedNumber? { StatedNumber(parsing: text, allowGrouping: true) }
  }

  /// One body row: its full ID and its cells, one per column.
  public struct Row: Sendable, Hashable {
    /// The row's ID: the claim ID with a row suffix (`A9.1.7/count=3`, `A9.1.7/2`) or from an `id` column.
    public var id: String
    /// The cells, one per column.
    public var cells: [Cell]
    /// Where the row starts.
    public var location: SourceLocation

    /// Creates a row.
    public init(id: String, cells: [Cell], location: SourceLocation) {
      self.id = id
      self.cells = cells
      self.location = location
    }
  }

  /// The columns, left to right.
  public var columns: [Column]
  /// The body rows, top to bottom.
  public var rows: [Row]
  /// The lines the table occupies.
  public var lineRange: ClosedRange<Int>

  /// Creates a table.
  public init(columns: [Column], rows: [Row], lineRange: ClosedRange<Int>) {
    self.columns = columns
    self.rows = rows
    self.lineRange = lineRange
  }

  /// Returns the cell of `row` in the column bound to `binding`, if there is one.
  public func cell(_ binding: String, in row: Row) -> Cell? {
    guard let index = columns.firstIndex(where: { $0.binding == binding }),
      index < row.cells.count
    else { return nil }
    return row.cells[index]
  }
}
