/// Converts GitHub Markdown to HTML with Debian's cmark-gfm and its table extension.
public enum MarkdownHTML {
  /// Returns the HTML fragment of `markdown`; raw HTML (inline SVG) passes through.
  public static func render(_ markdown: String) -> String {
    MarkdownConverter.html(fromMarkdown: markdown)
  }
}
