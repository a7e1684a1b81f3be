"""The live call: the call itself, its clock, pacing, autosave, the wrap-up, and
starting or resuming a call.
"""
