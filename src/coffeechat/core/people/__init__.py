"""The network: one file per person, their states, the outreach rules, the commands'
jobs, and reading people from an address book or a LinkedIn export (`contacts`)."""

import os


def any_person(folder: "os.PathLike[str]") -> bool:
    """Whether `folder` holds a person file, read without loading the network's code
    (the queue asks it on every `followups`, and most workspaces have no network yet)."""
    try:
        with os.scandir(folder) as entries:
            return any(e.name.endswith(".toml") and not e.name.startswith(".") for e in entries)
    except OSError:
        return False
