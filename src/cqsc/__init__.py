"""cqsc: the Sichuan-Chongqing cooperation portfolio, as data you can check."""

__version__ = "0.1.0"
