"""Pure logic: no Textual, no terminal. Everything here is testable without an event loop.

The import contracts in pyproject.toml (`make lint`) and tests/test_import_hygiene.py
hold it to that: nothing here imports `coffeechat.ui`, `coffeechat.cli` or Textual.
"""
