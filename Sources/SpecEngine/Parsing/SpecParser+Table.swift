extension SpecParsing {
  /// Binds a Markdown table to a table claim: columns, row IDs, and the cells' places.
  mutating func readTable(
    _ table: MarkdownTable, claimID: String, columns: LocatedText?, rowID: LocatedText?,
    location: SourceLocation
  ) -> Table {
    let width = table.header.cells.count
    var bindings: [String] = Array(repeating: "-", count: width)
    if let columns {
      let items = columns.split(on: ",")
      var seen: Set<String> = []
      for item in items {
        let name = item.text
        if name != "-", name != "id", !SpecParsing.isKey(name) {
          error(item.location(in: file), Messages.malformedBinding(name))
        } else if name != "-", !seen.insert(name).inserted {
          error(item.location(in: file), Messages.duplicateBinding(name))
        }
      }
      if items.count != width {
        error(columns.location(in: file), Messages.columnCount(items.count, width))
      }
      for (index, item) in items.prefix(width).enumerated() { bindings[index] = item.text }
    } else {
      error(location, Messages.missingColumns(claimID))
    }
    let tableColumns = zip(table.header.cells, bindings).map { cell, binding in
      Table.Column(header: cell.text, binding: binding, location: place(of: cell))
    }
    let idColumn = bindings.firstIndex(of: "id")
    var rowIDColumn: Int?
    if let rowID {
      if idColumn != nil {
        error(rowID.location(in: file), Messages.rowIDWithIDColumn)
      } else if let index = bindings.firstIndex(of: rowID.text), rowID.text != "-" {
        rowIDColumn = index
      } else {
        let names = bindings.filter { $0 != "-" }.joined(separator: ", ")
        error(rowID.location(in: file), Messages.rowIDNamesNoColumn(rowID.text, names))
      }
    }
    var rows: [Table.Row] = []
    for (index, row) in table.rows.enumerated() {
      let source = lines.indices.contains(row.line - 1) ? lines[row.line - 1] : ""
      let rowLocation = SourceLocation(
        file: file, line: row.line, column: SourceText.firstNonSpaceColumn(in: source))
      if row.cells.count != width {
        error(rowLocation, Messages.raggedRow(row.cells.count, width))
      }
      var cells = row.cells.prefix(width).map {
        Table.Cell(text: $0.text, location: place(of: $0))
      }
      let end = SourceLocation(file: file, line: row.line, column: source.unicodeScalars.count + 1)
      while cells.count < width { cells.append(Table.Cell(text: "", location: end)) }
      for (cell, binding) in zip(cells, bindings) where binding != "-" && binding != "id" {
        if StatedNumber.looksMistyped(cell.text) {
          error(cell.location, Messages.notANumber(cell.text))
        }
      }
      var id = "\(claimID)/\(index + 1)"
      if let idColumn {
        let cell = cells[idColumn]
        id = cell.text
        if cell.text.isEmpty {
          error(cell.location, Messages.emptyIDCell)
        } else if checkID(cell.text, at: cell.location), cell.text != claimID {
          _ = register(cell.text, at: cell.location)
        }
      } else if let rowIDColumn {
        let cell = cells[rowIDColumn]
        let value = StatedNumber(parsing: cell.text)?.text ?? cell.text
        id = "\(claimID)/\(bindings[rowIDColumn])=\(value)"
        if cell.text.isEmpty {
          error(cell.location, Messages.emptyRowIDCell(bindings[rowIDColumn]))
        } else {
          _ = register(id, at: cell.location)
        }
      }
      rows.append(Table.Row(id: id, cells: cells, location: rowLocation))
    }
    return Table(columns: tableColumns, rows: rows, lineRange: table.lines)
  }
}

extension SpecParsing {
  /// Returns the place of a table cell in this file.
  func place(of cell: MarkdownTable.Cell) -> SourceLocation {
    SourceLocation(file: file, line: cell.line, column: cell.column)
  }
}
