"""Text from a person or a file, made safe: control characters written out where
text is shown, and kept as visible symbols where a field holds it (`controls`).
"""
