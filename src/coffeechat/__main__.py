"""`python -m coffeechat` runs the command line."""

from coffeechat.cli import run

run()
