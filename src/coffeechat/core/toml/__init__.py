"""TOML as coffeechat reads and writes it: parsing with located errors, positions of
keys, validating values, writing values by hand.
"""
