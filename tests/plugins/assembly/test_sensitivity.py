"""Before the draw: the official sees how each quota affects the lowest chance of selection."""

from parvis.plugins.assembly.services import common, draws
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import login


def test_the_official_sees_how_each_quota_affects_fairness_and_a_resident_is_refused(
    client, db, promotion, answered, make_account, run_jobs
):
    answered(count=90, answers=75)
    login(client, make_account("official"))
    base = f"/en/admin/assembly/{promotion.public_id}"
    client.post(
        f"{base}/colleges/roll/draw",
        data={"scheduled_at": "2030-07-01T18:00", "place": "Hôtel de Ville", "randomness_source": "Loto"},
    )
    draw = draws.draw_for(db, promotion, common.college(promotion.body, ROLL))
    page = f"{base}/draws/{draw.public_id}/sensitivity"
    assert page in client.get(f"{base}/draws/{draw.public_id}").text  # linked from the draw
    before = client.get(page)
    assert before.status_code == 200 and "<table" not in before.text
    computed = run_jobs.follow(client, client.post(page, follow_redirects=False))
    assert computed.url.path == page
    text = computed.text
    assert "<caption" in text and '<th scope="col">' in text and '<th scope="row">' in text
    assert "Today the lowest chance of selection is" in text
    assert "Lowest chance if relaxed by one seat" in text
    again = client.post(page, follow_redirects=False)  # already computed: straight to the page
    assert again.headers["location"].endswith(page)
    login(client, make_account())
    assert client.get(page).status_code in (401, 403)
    assert client.post(page, follow_redirects=False).status_code in (401, 403)
