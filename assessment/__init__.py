"""GenAI readiness assessment engine."""

__version__ = "0.1.0"
