"""coffeechat: a terminal companion for informational interviews."""

__version__ = "0.1.0"
