"""Pure logic: no Textual, no terminal. Everything here is testable without an event loop."""
