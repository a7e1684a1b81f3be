"""What the interviews taught together: goals, answers side by side, the time record."""
