"""A LinkedIn connections export, made up: `Connections.csv` as LinkedIn hands it over.

"Get a copy of your data" → Connections gives a CSV that does not start with its
header: a "Notes:" line and a quoted paragraph about missing e-mail addresses come
first, then a blank line. Its columns are First Name, Last Name, URL, Email Address,
Company, Position and Connected On; dates read `12 Mar 2024`; most e-mail addresses
are empty (people must opt in to share them); company names and titles hold commas
and quotes, so the csv quoting is exercised; the newest connections come first. Some
rows have no company or title, a last name with a suffix (`Lee, PhD`), a name in
another script; about one in a hundred has the same name as another row.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from bench.corpus import FIRST, LAST, ORGANISATIONS, ROLES, words

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this "
    "setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
COMPANIES = (
    *ORGANISATIONS,
    "Acme Health, Inc.",
    "Smith, Jones & Partners",
    "Northwind Labs, LLC",
    'The "Good" Company',
    "Globex Corporation (Europe), GmbH",
    "Self-employed",
)
POSITIONS = (
    *ROLES,
    "Head of Design, Platform",
    'Product Manager, "Growth"',
    "Director, Research & Insights",
    "Open to work",
)
FIRST_NAMES = (
    *FIRST,
    *words(
        "Adaeze Aiden Akira Alejandro Alice Amara Anders Anika Arjun Astrid Beatriz Bruno "
        "Camille Carlos Chen Clara Daniel Diego Elena Elif Emma Farah Felix Fatima Gabriel "
        "Hiroshi Ines Isaac Jamal Julia Kai Kenji Laila Liam Maya Mei Miguel Nadia Nikolai "
        "Olivia Pablo Paula Quinn Rosa Samir Sara Tariq Uma Valentina Yara Zara"
    ),
)
LAST_NAMES = (
    *LAST,
    *words(
        "Abara Adeyemi Alves Bauer Becker Brown Castillo Cohen Dahl Das Eriksen Evans "
        "Ferreira Garcia-Lopez Gomez Hall Hansen Hoffmann Ito Jensen Johansson Kaur Kim "
        "Larsen Lopez Martin Mendes Moretti Nakamura Nielsen Nowak Olsen Osei Pereira "
        "Petrov Quinn Reyes Richter Santos Schmidt Shah Singh Smith Suzuki Taylor Tran "
        "Vargas Walker Wang Weber Yamamoto Young Zhang"
    ),
)
"""About 80 x 80 names: a network of 5,000 has few people of the same name."""
OTHER_NAMES = (("Wei", "王"), ("Мария", "Иванова"), ("Sinéad", "Ó Briain"), ("Zoë", "Ng 🚀"))
EXPORTED = date(2026, 11, 24)


def connections_csv(count: int, seed: int = 0, bom: bool = False) -> str:
    """The export's text with `count` connections, newest first."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(("\ufeff" if bom else "") + PREAMBLE)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    names = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    rng.shuffle(names)
    connected = EXPORTED
    for number in range(count):
        name = names[number % len(names)]
        if number and rng.random() < 0.01:
            name = names[rng.randrange(number)]  # the same name as someone further up
        writer.writerow(connection(rng, number, name, connected))
        connected -= timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5)))
    return out.getvalue()


def connection(
    rng: random.Random, number: int, name: tuple[str, str], connected: date
) -> list[str]:
    """One row."""
    first, last = name
    if rng.random() < 0.005:
        first, last = rng.choice(OTHER_NAMES)
    elif rng.random() < 0.03:
        last += rng.choice((", PhD", ", MBA", " Jr."))
    ascii_name = unicodedata.normalize("NFKD", f"{first}-{last}").encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-") or "member"
    url = f"https://www.linkedin.com/in/{slug}-{rng.getrandbits(32):08x}"
    email = f"{first.lower()}.{number}@example.org" if rng.random() < 0.08 else ""
    company = rng.choice(COMPANIES) if rng.random() < 0.93 else ""
    position = rng.choice(POSITIONS) if company and rng.random() < 0.95 else ""
    return [first, last, url, email, company, position, connected.strftime("%d %b %Y")]


def write_connections(path: Path, count: int, seed: int = 0) -> Path:
    """Write the export to `path`; the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(connections_csv(count, seed), encoding="utf-8")
    return path
