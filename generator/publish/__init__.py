"""Publishing a rendered site: `toolkit build` (one MkDocs build per language,
link check, atomic swap), the Content-Security-Policy and the folder export."""
