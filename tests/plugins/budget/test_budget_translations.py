"""Campaigns' titles and descriptions in every site language (parvis.api.content_translations)."""

import pytest

from parvis.api.content_translations import translatable_kinds
from parvis.content_translations import service


def test_a_campaign_shows_translated_or_marked_french(client, db, site, make_campaign):
    campaign = make_campaign("ideas", title="Budget participatif 2027")
    other = make_campaign("ideas", title="Budget participatif 2028")
    campaign.description = "Proposez vos idées."
    db.commit()
    kind = translatable_kinds(site)["budget.campaign"]
    service.save(
        db, site, kind, campaign, {("title", "ja"): "参加型予算2027", ("description", "ja"): "<アイデア>"}
    )
    db.commit()
    page = client.get(f"/ja/budget/{campaign.slug}").text
    assert "<h1>参加型予算2027</h1>" in page and "&lt;アイデア&gt;" in page
    listing = client.get("/en/budget/campaigns").text
    assert (
        '<span lang="fr">Budget participatif 2028</span> <small class="translation-note">(in French)</small>'
        in listing
    )
    assert other.slug in listing


@pytest.mark.parametrize("role", ["citizen", "district_official"])
def test_a_campaigns_translations_need_the_budget_management_right(client, db, make_campaign, login_as, role):
    campaign = make_campaign("ideas")
    if role == "district_official":
        login_as(district_roles={"11": "official"})
    else:
        login_as()
    assert client.get(f"/en/admin/translations/budget.campaign/{campaign.id}").status_code == 403


def test_officials_reach_a_campaigns_translations_from_its_dashboard(client, db, make_campaign, login_as):
    campaign = make_campaign("ideas")
    login_as("official")
    path = f"/en/admin/translations/budget.campaign/{campaign.id}"
    assert f'href="{path}"' in client.get(f"/en/admin/budget/{campaign.slug}").text
    assert client.get(path).status_code == 200
