"""The agenda a person prepares: its format and checker, the template `new` writes,
and lengths of time as people write them.
"""
