"""coffeechat: a terminal companion for informational interviews."""

__version__ = "0.1.0"
"""The one version source: the package's metadata takes it (`[tool.hatch.version]` in
pyproject.toml), and `coffeechat --version` prints it."""
