"""Formats belong to a site, not to the process: two sites of one process (tests, a host serving
several cities) show times and money each in its own time zone and currency."""

import threading
from datetime import UTC, date, datetime

import pytest

from parvis import formatting
from parvis.config import load_config
from parvis.i18n import use_locale
from parvis.site import Site

EVENING = datetime(2026, 7, 14, 20, 0, tzinfo=UTC)  # 15 July in Tokyo, 14 July in New York


def site_in(site, timezone: str, currency: str) -> Site:
    config = load_config()
    config.plugins.enabled = []
    config.site.timezone = timezone
    config.site.currency = currency
    built = Site.create(config, engine=site.engine)
    built.clock = lambda: EVENING
    return built


@pytest.fixture
def tokyo(site):
    return site_in(site, "Asia/Tokyo", "JPY")


@pytest.fixture
def new_york(site):
    return site_in(site, "America/New_York", "USD")


def test_building_a_site_changes_nothing_process_wide(site):
    before = formatting.formats_for()
    site_in(site, "Asia/Tokyo", "JPY")
    site_in(site, "America/New_York", "USD")
    assert formatting.formats_for() == before


def test_two_sites_format_independently_when_named(tokyo, new_york):
    with use_locale("en"):
        assert formatting.format_time(EVENING, site=tokyo) == "5:00\u202fAM"
        assert formatting.format_time(EVENING, site=new_york) == "4:00\u202fPM"
        assert formatting.format_date(EVENING, site=tokyo) == "July 15, 2026"
        assert formatting.format_date(EVENING, site=new_york) == "July 14, 2026"
        assert formatting.format_money(125000, site=tokyo) == "¥1,250"
        assert formatting.format_money(125050, site=new_york) == "$1,250.50"
    assert tokyo.today() == date(2026, 7, 15)
    assert new_york.today() == date(2026, 7, 14)


def test_the_active_site_formats_and_is_restored(tokyo, new_york):
    with use_locale("en"), tokyo.activate():
        assert formatting.format_datetime(EVENING, "short") == "7/15/26, 5:00\u202fAM"
        with new_york.activate():
            assert formatting.format_money(500) == "$5.00"
            assert formatting.local(EVENING).hour == 16
        assert formatting.format_money(500) == "¥5"
        assert formatting.site_timezone().key == "Asia/Tokyo"


def test_sites_active_in_concurrent_threads_do_not_see_each_other(tokyo, new_york):
    barrier = threading.Barrier(2, timeout=30)
    seen: dict[str, str] = {}

    def work(site):
        with use_locale("en"), site.activate():
            barrier.wait()  # both sites are active at the same time
            seen[site.config.site.currency] = (
                formatting.format_money(100) + " " + formatting.format_time(EVENING)
            )
            barrier.wait()

    threads = [threading.Thread(target=work, args=(s,)) for s in (tokyo, new_york)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"JPY": "¥1 5:00\u202fAM", "USD": "$1.00 4:00\u202fPM"}
