"""The invitation letters as tagged PDF (PDF/UA-1), printed from an HTML template by core's
``template_pdf``: the printed letters and the accessible ones are one document.

Each letter is an A4 page (``assembly/letters/letters.html``): the addressee placed for a DL
window envelope, the text, the response code and the questionnaire's address, in the letters'
language, in the order of the mail-merge CSV. WeasyPrint lays out every page (11 to 38 times
fpdf2's time, see bench/letters), so thousands of letters are printed ``LETTERS_PER_FILE`` at a
time in the letters' job, each part its own tagged PDF in the ZIP: memory stays bounded, the job
reports progress between parts, and the print shop gets the parts in order. The parts are not
merged into one file: pypdf's merge keeps the first part's structure tree only, which would leave
the other parts' pages untagged in a file that says it is PDF/UA.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parvis.api import _, format_date, format_number, template_pdf, use_locale
from parvis.api.bodies import College
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services import codes
from parvis.plugins.assembly.services.common import settings_of
from parvis.plugins.assembly.settings import YOUNG

if TYPE_CHECKING:
    from parvis.api import Site
    from parvis.plugins.assembly.services.letters import Letter

TEMPLATE = "assembly/letters/letters.html"
# Letters per PDF file: laying out a part of 500 takes about 200 MB more memory (the whole batch of
# 10,000 in one document would take gigabytes) and about 20 s of a free core (bench/letters).
LETTERS_PER_FILE = 500


@dataclass(frozen=True, slots=True)
class LetterText:
    """What every letter of a batch says, in the letters' language."""

    title: str
    heading: str
    place_date: str
    subject: str
    paragraphs: list[str]
    signatory: str
    privacy: str


@dataclass(frozen=True, slots=True)
class Addressed:
    address: list[str]  # the lines in the envelope's window
    code: str  # as printed (grouped)


def letter_text(site: Site, promotion: AssemblyPromotion, college: College, count: int) -> LetterText:
    """The batch's shared text; ``count`` is how many young people were drawn (the young college)."""
    from parvis.plugins.assembly.services.letters import deadline_of, questionnaire_url

    settings = settings_of(site)
    deadline = deadline_of(promotion, college)
    young = college.code == YOUNG
    drawn = (
        _(
            "You are among the {count} young Citizen Card holders drawn by lot to join the "
            "{promotion} promotion of the Citizens' Assembly, which gives five seats to "
            "people aged 16 and 17."
        )
        if young
        else _(
            "You are among the {count} residents drawn by lot from the electoral roll to join "
            "the {promotion} promotion of the Citizens' Assembly: 100 residents who meet "
            "several times a year to deliberate and make recommendations to {site.council:the}."
        )
    )
    return LetterText(
        title=_("Citizens' Assembly: your invitation"),
        heading=_("Citizens' Assembly {site.city:of}"),
        place_date=f"{site.config.site.city_name(settings.letters_locale)}, {format_date(site.today())}",
        subject=_("Subject: you have been drawn by lot to join the Citizens' Assembly"),
        paragraphs=[
            _("Dear Sir or Madam,"),
            drawn.format(
                count=format_number(count if young else settings.predraw_size), promotion=promotion.label
            ),
            _(
                "If you are interested, answer a short questionnaire before {date}. The members are "
                "then drawn by lot among those who answered, so that the Assembly resembles the city. "
                "Each half-day of work is compensated."
            ).format(date=format_date(deadline) if deadline else "—"),
            _("Go to {url} and enter this personal code (it works only once):").format(
                url=questionnaire_url(site)
            ),
        ],
        signatory=settings.letter_signatory or _("{site.mayor:The} {site.city:of}"),
        privacy=_(
            "Your answers are used only to organise the draw. They are deleted after the draw unless "
            "you are selected. Questions: {email}."
        ).format(email=site.config.site.contact_email or "-"),
    )


def addressed(letter: Letter) -> Addressed:
    person = letter.invitee
    lines = (person.full_name, person.address, f"{person.postcode or ''} {person.city or ''}".strip())
    # An imported roll may hold overlong fields: they must not run out of the envelope's window.
    return Addressed([line[:60] for line in lines if line], codes.display(letter.code))


def render(site: Site, text: LetterText, letters: Sequence[Letter]) -> bytes:
    language = settings_of(site).letters_locale
    return template_pdf(
        site,
        TEMPLATE,
        language=language,
        title=text.title,
        text=text,
        letters=[addressed(letter) for letter in letters],
    )


def pdf_bytes(site: Site, promotion: AssemblyPromotion, college: College, letters: Sequence[Letter]) -> bytes:
    """Every letter in one tagged PDF, one A4 page each (a small batch; see ``pdf_files``)."""
    with use_locale(settings_of(site).letters_locale):
        text = letter_text(site, promotion, college, len(letters))
    return render(site, text, letters)


def pdf_files(
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    letters: Sequence[Letter],
    *,
    per_file: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The letters as PDF files of ``per_file`` (``LETTERS_PER_FILE``) letters, in order:
    ``letters.pdf`` when one file holds them all, else ``letters-001.pdf``, ``letters-002.pdf``...
    ``progress`` gets the number of letters printed so far after each file."""
    with use_locale(settings_of(site).letters_locale):
        text = letter_text(site, promotion, college, len(letters))
    size = per_file or LETTERS_PER_FILE
    parts = [letters[start : start + size] for start in range(0, len(letters), size)]
    for number, part in enumerate(parts, start=1):
        name = "letters.pdf" if len(parts) == 1 else f"letters-{number:03d}.pdf"
        yield name, render(site, text, part)
        if progress is not None:
            progress(min(number * size, len(letters)))
