"""Models of this context live here when it needs them."""
