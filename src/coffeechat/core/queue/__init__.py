"""The follow-up queue: what to do after the calls and when, the date grammar, and
the queue as an iCalendar file.
"""
