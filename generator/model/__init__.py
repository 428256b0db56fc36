"""The typed, cross-linked site model of one language."""
