"""How a comparison is shown to people: Markdown, HTML pages and plain text."""
