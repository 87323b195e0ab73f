"""``parvis assembly import-roll | predraw | letters | purge``: the big files' path."""

import csv
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import func, select

from parvis.cli import Context, cli
from parvis.plugins.assembly.models import AssemblyInvitee
from parvis.plugins.assembly.services import common, draws, questionnaire
from parvis.plugins.assembly.settings import ROLL

from .conftest import answers_for, write_roll


def run(site, *args):
    context = Context(None)
    context._site = site
    return CliRunner().invoke(cli, ["assembly", *args], obj=context, catch_exceptions=False)


def test_the_recruitment_commands(db, site, promotion, official, tmp_path):
    import random

    label = promotion.term.label
    bad = tmp_path / "bad.csv"
    bad.write_text("id,family_name\n1,X\n", encoding="utf-8")
    refused = run(site, "import-roll", label, str(bad))
    assert refused.exit_code == 2
    assert "given_name" in refused.output  # every missing column, in the CLI's language
    assert run(site, "import-roll", "1999-00", str(bad)).exit_code == 2
    imported = run(site, "import-roll", label, str(write_roll(tmp_path / "roll.csv", 300)))
    assert imported.exit_code == 0, imported.output
    assert "300" in imported.output
    drawn = run(site, "predraw", label, "-p", "2030-05-02 Loto 1 2 3", "-k", "150")
    assert drawn.exit_code == 0, drawn.output
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(AssemblyInvitee)) == 150
    out = tmp_path / "letters"
    written = run(site, "letters", label, "--out", str(out))
    assert written.exit_code == 0, written.output
    rows = list(csv.DictReader((out / "letters.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 150
    assert (out / "letters.pdf").read_bytes().startswith(b"%PDF")
    assert run(site, "letters", label, "--out", str(out)).exit_code == 2  # every letter already made
    assert run(site, "purge", label).exit_code == 2  # only after the draw
    db.rollback()  # end this session's read snapshot: the command wrote the codes meanwhile
    rng = random.Random(1)
    for row in rows[:110]:
        questionnaire.submit(db, site, row["code"], answers_for(site, rng), locale="fr")
    db.commit()
    draw = draws.prepare(
        db,
        site,
        promotion,
        common.college(promotion.body, ROLL),
        actor=official,
        scheduled_at=datetime(2030, 7, 1, tzinfo=UTC),
    )
    draws.run(db, site, draw, ["x"], actor=official)
    db.commit()
    purged = run(site, "purge", label)
    assert purged.exit_code == 0, purged.output
    assert "answers" in purged.output or "réponses" in purged.output
