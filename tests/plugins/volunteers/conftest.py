"""Fixtures for the volunteers plugin's tests: an organisation, missions with slots, helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from parvis import i18n
from parvis.formatting import local
from parvis.plugins.volunteers import catalogue
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.models import (
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Organisation,
    OrgMember,
    OrgRole,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.schedule import one_off, weekly


def solidarity_night(db) -> VolunteerCampaign:
    """The Nuit de la Solidarité in 30 days, with its charter; committed."""
    starts = datetime.now(UTC) + timedelta(days=30)
    campaign = VolunteerCampaign(
        slug="nuit",
        title="Nuit de la Solidarité",
        description="Une nuit pour compter et rencontrer.",
        charter="1. Je respecte la dignité des personnes rencontrées.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
    )
    db.add(campaign)
    db.commit()
    return campaign


@pytest.fixture
def parvis_plugins() -> list[str]:
    """Only this plugin (and core): its tests never depend on other plugins' state."""
    return ["volunteers"]


@pytest.fixture(autouse=True)
def english(site):
    """Messages of services called outside a request are in English here (the site default is French)."""
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)


@pytest.fixture
def organisation(db) -> Organisation:
    org = Organisation(slug="les-amis", name="Les Amis du Quartier", description="Une association de test.")
    db.add(org)
    db.commit()
    return org


@pytest.fixture
def make_organisation(db) -> Callable[..., Organisation]:
    def factory(
        slug: str, name: str | None = None, members: dict[Any, OrgRole] | None = None
    ) -> Organisation:
        org = Organisation(slug=slug, name=name or slug.title())
        for account, role in (members or {}).items():
            org.members.append(OrgMember(account_id=account.id, role=role))
        db.add(org)
        db.commit()
        return org

    return factory


@pytest.fixture
def add_member(db) -> Callable[..., None]:
    def add(organisation: Organisation, account: Any, role: OrgRole = OrgRole.MEMBER) -> None:
        db.add(OrgMember(organisation_id=organisation.id, account_id=account.id, role=role))
        db.commit()

    return add


@pytest.fixture
def make_mission(db, site, organisation) -> Callable[..., Mission]:
    def factory(
        title: str = "Distribution de repas",
        *,
        description: str = "Servir des repas chauds.",
        theme: str = "solidarity",
        kind: MissionKind = MissionKind.ONE_OFF,
        capacity: int = 10,
        starts_in: timedelta = timedelta(days=3),
        hours: int = 2,
        weeks: int = 0,
        district: str | None = "11",
        status: MissionStatus = MissionStatus.PUBLISHED,
        org: Organisation | None = None,
        latitude: float | None = 48.859,
        longitude: float | None = 2.38,
        min_age: int | None = None,
        prerequisites: str = "",
        skills: str = "",
        category: Category = Category.MISSION,
        event_type: EventType | None = None,
    ) -> Mission:
        start = (datetime.now(UTC) + starts_in).replace(second=0, microsecond=0)
        end = start + timedelta(hours=hours)
        if kind == MissionKind.RECURRING:
            occurrences = weekly(
                start, end, set(), local(start + timedelta(weeks=weeks)).date()
            )  # the site's date
        else:
            occurrences = one_off(start, end)
        data = MissionInput(
            title=title,
            description=description,
            theme=theme,
            kind=kind,
            capacity=capacity,
            occurrences=occurrences,
            category=category,
            event_type=event_type,
            place_name="Maison des associations",
            address="12 rue du Test",
            district=district,
            latitude=latitude,
            longitude=longitude,
            min_age=min_age,
            prerequisites=prerequisites,
            skills=skills.split(",") if skills else [],
        )
        mission = catalogue.create_mission(db, site, org or organisation, data, None)
        mission.status = status
        db.commit()
        return mission

    return factory


@pytest.fixture
def notice_kinds(db) -> Callable[[int], set[Any]]:
    """The kinds of the plugin's notices an account received (core's notifications about missions)."""
    from sqlalchemy import select

    from parvis.notifications.models import Notification
    from parvis.plugins.volunteers.content import MISSION
    from parvis.plugins.volunteers.models import NoticeKind

    kind_of = {kind.label: kind for kind in NoticeKind}

    def kinds(account_id: int) -> set[Any]:
        details = db.scalars(
            select(Notification.detail).where(
                Notification.account_id == account_id,
                Notification.content_kind == MISSION,
                Notification.event == "notice",
            )
        )
        return {kind_of[d] for d in details}

    return kinds
