"""An authority's own copy of the toolkit: `toolkit init` and upgrades."""
