"""Languages: content overlays and UI message catalogues."""
