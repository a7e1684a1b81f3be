"""A demo campaign, written by the app's own writers (see `campaign`)."""
