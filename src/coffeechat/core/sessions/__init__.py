"""Sessions, one file per call: the format, reading, summaries and their cache,
search, marking follow-ups done or snoozed, the thank-you draft, the printout.
"""
