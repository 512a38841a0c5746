"""orgmodel: describe a marketing organisation as text, check it against proven principles, draw it."""

__version__ = "0.1.0"
