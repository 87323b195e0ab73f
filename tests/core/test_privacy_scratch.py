from parvis import privacy
from parvis.testing import login

def test_smoke(site, db, client, make_account):
    account = make_account()
    export = privacy.export(db, site, account)
    print([s.code for s in export.sections])
    print(export.to_json()[:300])
    login(client, account)
    for path in ["/en/privacy", "/fr/privacy", "/en/account/data", "/en/account/data.json", "/en/account/delete", "/ja/account"]:
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:2000])
    print(r.headers)
    r = client.post("/en/account/delete", data={"password": "wrong"})
    assert r.status_code == 400, r.text[:3000]
    r = client.post("/en/account/delete", data={"password": "password-123456"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:3000]
    print(r.headers["location"])
