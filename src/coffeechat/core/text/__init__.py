"""Text from a person or a file, made safe: control characters written out for
showing, and kept as visible symbols when pasted.
"""
