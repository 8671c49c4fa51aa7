"""Rashomon: read many news reports of the same events and tell, sentence by sentence,
what the sources agree on, what they dispute, and who says what."""

__version__ = "0.1.0"

__all__ = ["__version__"]
