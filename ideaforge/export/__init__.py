"""Writers (Markdown, HTML, CSV, JSON) and readers for imports."""
