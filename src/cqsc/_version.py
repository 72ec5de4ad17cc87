"""The package version, kept apart so every stage can name it without importing the package's face."""

__version__ = "0.1.0"
