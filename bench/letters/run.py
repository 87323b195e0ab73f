"""Benchmark: the Assembly's invitation letters, fpdf2 (as they were drawn) against tagged PDF from
HTML (WeasyPrint, as they are printed now, ``LETTERS_PER_FILE`` letters a file).

    python bench/letters/run.py                    # 1,000 and 5,000 letters, French
    python bench/letters/run.py 200 --language ja  # Japanese letters
    python bench/letters/run.py 1000 --single      # WeasyPrint also in one document

Prints, for each count, both times, the ratio, the PDFs' sizes, the process's peak memory and the
machine's load (the figures are only comparable on a quiet machine).
No database: the letters are built in memory with the site's default configuration.
Figures: README.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fpdf2_letters import fpdf2_letters

from parvis.api import use_locale
from parvis.plugins.assembly.services import letters_pdf


def fake_letters(count: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            invitee=SimpleNamespace(
                full_name=f"Camille Durand-{number}",
                address=f"{number % 200 + 1} rue de la Roquette",
                postcode="75011",
                city="Paris",
            ),
            code=f"{number:020d}",
        )
        for number in range(count)
    ]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--language", default="fr")
    parser.add_argument("--per-file", type=int, default=letters_pdf.LETTERS_PER_FILE)
    parser.add_argument("--single", action="store_true", help="also print every letter in one document")
    args = parser.parse_args()

    from parvis.config import load_config
    from parvis.site import Site

    folder = tempfile.mkdtemp(prefix="parvis-bench-letters-")
    config = load_config()
    config.settings.setdefault("assembly", {})["letters_locale"] = args.language
    site = Site.create(config, database_url=f"sqlite:///{folder}/bench.db")
    promotion = SimpleNamespace(
        label="2031", questionnaire_closes_on=date(2031, 3, 1), young_form_closes_on=None
    )
    college = SimpleNamespace(code="roll")
    with site.activate():
        with use_locale(args.language):
            text = letters_pdf.letter_text(site, promotion, college, 0)  # type: ignore[arg-type]
        letters_pdf.render(site, text, fake_letters(5))  # warm-up: fonts, templates
        for count in args.counts:
            made = fake_letters(count)
            started = time.perf_counter()
            old = fpdf2_letters(text, [letters_pdf.addressed(m) for m in made], args.language)  # type: ignore[arg-type]
            fpdf2_seconds = time.perf_counter() - started
            started = time.perf_counter()
            files = list(letters_pdf.pdf_files(site, promotion, college, made, per_file=args.per_file))  # type: ignore[arg-type]
            html_seconds = time.perf_counter() - started
            size = sum(len(content) for _name, content in files)
            print(
                f"{count:>6} letters ({args.language}): "
                f"fpdf2 {fpdf2_seconds:6.1f} s ({len(old) / 1e6:.1f} MB); "
                f"WeasyPrint, {len(files)} file(s) of {args.per_file}: {html_seconds:6.1f} s "
                f"({size / 1e6:.1f} MB, {1000 * html_seconds / count:.0f} ms a letter); "
                f"ratio {html_seconds / fpdf2_seconds:.1f}x; peak memory {peak_mb():.0f} MB; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
                flush=True,
            )
            if args.single:
                started = time.perf_counter()
                single = letters_pdf.render(site, text, made)  # type: ignore[arg-type]
                print(
                    f"{'':>6} one WeasyPrint document: {time.perf_counter() - started:6.1f} s "
                    f"({len(single) / 1e6:.1f} MB); peak memory {peak_mb():.0f} MB",
                    flush=True,
                )


if __name__ == "__main__":
    main()
