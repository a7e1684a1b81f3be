"""The network: the people you mean to talk to, their states and outreach rules, and
reading them from an address book or a LinkedIn export (`contacts`).
"""
