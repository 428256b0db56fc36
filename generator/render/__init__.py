"""Phase two: the model turned into pages (Markdown/HTML) and assets."""
