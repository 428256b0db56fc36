"""Observations: the toolkit's tidy data format for indicator figures."""
