"""Reading contacts for `coffeechat import`: LinkedIn's Connections.csv, Google
Contacts CSV (both headers) and vCard files, each with the quirks of real exports.

The fixtures in tests/contacts/ are small files made to hold those quirks (each
test names the ones it looks at). Pure: no event loop, no workspace.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coffeechat.core.people.contact_files.linkedin import parse_date
from coffeechat.core.people.contacts import Contact, parse_contacts, read_contacts
from coffeechat.core.problems import InputError, Problem

FIXTURES = Path(__file__).parent / "contacts"
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def read(name: str) -> tuple[list[Contact], list[Problem]]:
    """The contacts and problems of a fixture, named by its file name in problems."""
    return read_contacts(FIXTURES / name, name)


def by_name(contacts: list[Contact]) -> dict[str, Contact]:
    return {contact.name: contact for contact in contacts}


def places(problems: list[Problem]) -> list[tuple[int, str]]:
    """Each problem's line and severity, in order."""
    return [(problem.line, problem.severity) for problem in problems]


# --- LinkedIn ------------------------------------------------------------------------


def test_linkedin_export_as_it_comes_bom_crlf_notes_preamble() -> None:
    contacts, _ = read("Connections.csv")
    # The BOM and the three lines of notes (and the blank line) come before the header
    # on line 4: the first connection is on line 5.
    assert contacts[0] == Contact(
        name="Jane Doe",
        line=5,
        organization="Acme Health, Inc.",
        role="Staff Product Designer",
        url="https://www.linkedin.com/in/janedoe",
        connected_on=date(2024, 3, 12),
    )
    assert [contact.line for contact in contacts] == [5, 6, 7, 8, 10, 11]


def test_linkedin_quoted_commas_and_quotes_in_companies_and_titles() -> None:
    people = by_name(read("Connections.csv")[0])
    assert people["Sam Lee, PhD"].organization == "Smith, Jones & Partners"
    assert people["Sam Lee, PhD"].role == "Director, Research & Insights"
    assert people["Priya Patel"].organization == 'The "Good" Company'


def test_linkedin_email_kept_where_shared_and_empty_where_not() -> None:
    people = by_name(read("Connections.csv")[0])
    assert people["Sam Lee, PhD"].email == "sam@example.org"
    assert people["Jane Doe"].email == ""


def test_linkedin_trailing_empty_columns_are_ignored() -> None:
    priya = by_name(read("Connections.csv")[0])["Priya Patel"]
    assert priya.connected_on == date(2022, 2, 1)
    assert priya.role == "Design Manager"


def test_linkedin_control_characters_kept_out_of_names() -> None:
    contacts, _ = read("Connections.csv")
    ada = by_name(contacts)["Ada Lovelace"]  # was "Ada" "\x1b[31mLovelace\x07"
    assert ada.organization == "Analytical Engines"  # a tab inside
    for contact in contacts:
        assert not CONTROLS.search(contact.name + contact.organization + contact.role)


def test_linkedin_a_row_without_a_name_or_a_date_is_said_and_the_others_read() -> None:
    contacts, problems = read("Connections.csv")
    assert places(problems) == [(9, "warning"), (10, "warning")]
    assert "no name" in problems[0].message
    assert problems[1].key == "Connected On"
    assert "'sometime in 1943'" in problems[1].message
    grace = by_name(contacts)["Grace Hopper"]
    assert grace.line == 10 and grace.connected_on is None
    # The row of empty cells at the end is no one, and nothing to say.
    assert "Zoë Ng 🚀" in by_name(contacts)


def test_linkedin_older_export_without_url_column_or_preamble() -> None:
    contacts, problems = read("Connections-2019.csv")
    assert problems == []
    assert contacts == [
        Contact(
            "Tomás Richter", 2, "Globex", "Technical Writer", "tomas@example.org",
            connected_on=date(2019, 3, 12),
        ),
        Contact("Mei Wang", 3, "Initech"),
    ]  # fmt: skip


def test_invalid_utf8_is_read_with_replacement_and_said_where_it_starts() -> None:
    contacts, problems = read("Connections-latin1.csv")
    assert [contact.name for contact in contacts] == ["Jane Doe", "Jos\ufffd Garc\ufffda"]
    [problem] = problems
    assert (problem.line, problem.col, problem.severity) == (3, 4, "warning")
    assert "not UTF-8" in problem.message and "UTF-8" in problem.hint


def test_a_quote_never_closed_is_located_and_the_rows_before_it_read() -> None:
    contacts, problems = read("Connections-unclosed.csv")
    assert [contact.name for contact in contacts] == ["Jane Doe"]
    [problem] = problems
    assert (problem.line, problem.severity) == (3, "error")
    assert "never closed" in problem.message and "3–4" in problem.message


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("1 Feb 2022", date(2022, 2, 1)),
        ("12 March 2019", date(2019, 3, 12)),
        ("12-Mar-2024", date(2024, 3, 12)),
        ("2024-03-12", date(2024, 3, 12)),
        ("31 Feb 2024", None),
        ("12 Mrz 2024", None),
        ("12 Marzipan 2024", None),
        ("2024-13-01", None),
        ("", None),
    ],
)
def test_linkedin_dates_in_english_whatever_the_locale(text: str, day: date | None) -> None:
    assert parse_date(text) == day


# --- Google Contacts CSV -------------------------------------------------------------


def test_google_current_header() -> None:
    contacts, problems = read("google-contacts.csv")
    jane, sammy = contacts
    assert jane == Contact(
        name="Jane Q Doe",  # First, Middle and Last Name; the prefix is left out
        line=2,
        organization="Acme Health, Inc.",
        role="Staff Product Designer",
        email="jane@acme.example",  # the first of "a ::: b"
        url="https://www.linkedin.com/in/janedoe",  # the profile, not the blog
        phone="+1 555 0100",
        note="Met at the UX meetup.\nLikes short calls.",
    )
    # Jane's notes take two lines: the next row starts on line 4.
    assert (sammy.name, sammy.line, sammy.organization) == ("Sammy", 4, "Globex")
    assert places(problems) == [(5, "warning")]  # only an e-mail address: no name


def test_google_older_header() -> None:
    contacts, problems = read("google-contacts-2022.csv")
    assert problems == []
    assert contacts == [
        Contact(
            name="Priya Patel",
            line=2,
            organization="Acme, Research",
            role="Design Manager",
            email="priya@acme.example",
            url="https://www.linkedin.com/in/priya",
            phone="+44 7700 900123",
            note="Say Jane sent me",
        ),
        Contact("Wei Zhang", 3),  # no Name: Given Name and Family Name
    ]


# --- vCard ---------------------------------------------------------------------------


def test_vcard_from_macos_contacts() -> None:
    contacts, problems = read("macos.vcf")
    assert problems == []
    jane, sam = contacts
    assert jane == Contact(
        name="Jane Doe",
        line=1,
        organization="Acme Health, Inc.",  # escaped comma; the department left out
        role="Staff Product Designer",  # a folded line
        email="jane@acme.example",  # type=pref among two, grouped as item2
        url="https://www.linkedin.com/in/janedoe",  # the profile over the home page
        phone="+1 555 0100",
        note="Met at the UX meetup.\nLikes short calls.",
    )
    assert sam == Contact("Sam Lee", 20, "Globex")  # N without FN


def test_vcard_from_android_quoted_printable_21_and_30() -> None:
    contacts, problems = read("android.vcf")
    assert problems == []
    ayse, jorg = contacts
    assert ayse.name == "Ayşe Öztürk"
    assert ayse.organization == "İstanbul Tasarım"
    # 2.1 does not escape commas; the soft line break joins the note's two lines.
    assert ayse.note == "Tanıştık: konferans, 2024. Uzun bir not ki birkaç satıra bölündü"
    assert (ayse.email, ayse.phone) == ("ayse@example.com", "+905551234567")
    assert (jorg.name, jorg.line, jorg.phone) == ("Jörg Müller", 11, "+49 170 1234567")


def test_vcard_from_google() -> None:
    contacts, problems = read("google.vcf")
    assert problems == []
    assert contacts == [
        Contact(
            name="Priya Patel",
            line=1,
            organization="Acme",
            role="Design Manager",
            email="priya@acme.example",
            url="https://www.linkedin.com/in/priya",
            phone="+44 7700 900123",
            note="Say Jane sent me, she said",
        )
    ]


def test_vcard_40_pref_parameter_tel_uri_and_role() -> None:
    [wei] = read("v4.vcf")[0]
    assert wei == Contact(
        name="Wei Zhang",
        line=1,
        organization="Initech",
        role="Engineering Manager",
        email="wei@initech.example",
        phone="+1-555-555-5555",
    )


def test_a_card_that_cannot_be_read_is_located_and_the_others_are_returned() -> None:
    contacts, problems = read("broken.vcf")
    assert [(contact.name, contact.line) for contact in contacts] == [
        ("Jane Doe", 1),
        ("Sam Lee", 19),  # an OSC sequence in its FN dropped whole
    ]
    assert places(problems) == [(8, "error"), (10, "error"), (13, "warning"), (17, "warning")]
    unreadable, unclosed, nameless, stray = (problem.message for problem in problems)
    assert "cannot be read" in unreadable and "this line has no colon" in unreadable
    assert "never closed" in unclosed
    assert "no name" in nameless
    assert "outside any card" in stray


# --- Telling them apart, and files that are none of them ------------------------------


@pytest.mark.parametrize(
    ("fixture", "named"),
    [("macos.vcf", "contacts.csv"), ("Connections.csv", "export.vcf"), ("google.vcf", "x.txt")],
)
def test_told_apart_by_content_not_by_name(tmp_path: Path, fixture: str, named: str) -> None:
    shutil.copy(FIXTURES / fixture, tmp_path / named)
    assert read_contacts(tmp_path / named, named)[0] == read(fixture)[0]


def test_utf16_with_its_mark_is_read() -> None:
    text = (FIXTURES / "google-contacts-2022.csv").read_text(encoding="utf-8")
    contacts, problems = parse_contacts(text.encode("utf-16"), "unicode.csv")
    assert (contacts, problems) == read("google-contacts-2022.csv")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b" \r\n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a LinkedIn"),
        (b"Name,Phone\nJane,555\n", "not a LinkedIn"),
        (b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "not a LinkedIn"),
    ],
)
def test_a_file_that_is_none_of_them_names_the_three_kinds(raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_contacts(raw, "file.csv")
    problem = raised.value.errors[0]
    assert message in problem.message
    for kind in ("LinkedIn Connections.csv", "Google Contacts CSV", "vCard"):
        assert kind in problem.hint


def test_a_missing_file_or_a_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_contacts(tmp_path / "nowhere.csv", "nowhere.csv")
    with pytest.raises(InputError, match="a folder"):
        read_contacts(tmp_path, "here")


# --- Any bytes at all ------------------------------------------------------------------

STARTS = [
    b"",
    b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
    b'\xef\xbb\xbfNotes:\n"..."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,'
    b"Connected On\n",
    b"First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value,Notes\n",
    b"Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name\n",
]
VCARD_TEXT = st.text(alphabet='BEGIN:VCARDENDFNQUOTED-PRINTABLE=;,\\"\n\r \t\x1bé', max_size=300)


@given(
    st.sampled_from(STARTS),
    st.one_of(st.binary(max_size=400), VCARD_TEXT.map(lambda text: text.encode())),
)
def test_any_bytes_never_raise_anything_but_input_error(start: bytes, rest: bytes) -> None:
    try:
        contacts, problems = parse_contacts(start + rest, "any.csv")
    except InputError:
        return
    for contact in contacts:
        assert contact.name and not CONTROLS.search(contact.name)
        assert contact.line >= 1
    assert all(problem.line >= 1 and problem.col >= 1 for problem in problems)


def test_invalid_utf8_after_a_byte_order_mark_is_located_too() -> None:
    # Found by the test above: the mark's three bytes threw the place off.
    raw = b"\xef\xbb\xbfFirst Name,Last Name,Position\nJos\xe9,Lee,\xc2\n"
    contacts, problems = parse_contacts(raw, "bom.csv")
    assert [contact.name for contact in contacts] == ["Jos\ufffd Lee"]
    assert [(problem.line, problem.col) for problem in problems] == [(2, 4)]


def test_google_a_cell_of_several_websites_gives_the_profile() -> None:
    raw = (
        b"First Name,Last Name,E-mail 1 - Value,Website 1 - Label,Website 1 - Value\n"
        b"Jane,Doe,,Blog ::: Profile,https://jane.example ::: https://www.linkedin.com/in/jd\n"
    )
    [jane] = parse_contacts(raw, "google.csv")[0]
    assert jane.url == "https://www.linkedin.com/in/jd"
