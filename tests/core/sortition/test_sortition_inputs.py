import io

import pytest

from parvis.sortition import InputError, make_quotas, pool_from_records, read_pool, read_quotas
from parvis.sortition.seed import sha256_hex


def test_canonical_pool_file_is_sorted_and_quoted():
    pool = read_pool(io.StringIO('id,zeta,alpha\r\nb2, x ,"a,b"\r\na1,Cafe\u0301,"say ""hi"""\r\n'))
    assert pool.canonical_bytes() == 'id,alpha,zeta\na1,"say ""hi""",Café\nb2,"a,b",x\n'.encode()
    assert pool.sha256 == sha256_hex(pool.canonical_bytes())


def test_pool_hash_ignores_row_and_column_order():
    a = pool_from_records([{"id": "1", "g": "f", "a": "y"}, {"id": "2", "g": "m", "a": "o"}])
    b = pool_from_records([{"a": "o", "g": "m", "id": "2"}, {"g": "f", "a": "y", "id": "1"}])
    assert a.sha256 == b.sha256


def test_malformed_rows_are_reported_with_line_numbers():
    text = "id,gender\n1,f\n2\n,m\n1,m\n4,\n5,f\n"
    with pytest.raises(InputError) as info:
        read_pool(io.StringIO(text))
    lines = [p.line for p in info.value.problems]
    assert lines == [3, 4, 5, 6]
    message = str(info.value)
    assert "Line 3" in message
    assert "nothing was imported" in message


def test_missing_column_is_reported():
    with pytest.raises(InputError, match="no column named age"):
        read_pool(io.StringIO("id,gender\n1,f\n"), columns=["age"])


def test_quotas_from_toml_and_csv_agree(tmp_path):
    toml = tmp_path / "q.toml"
    toml.write_text(
        "panel_size = 4\n[quotas.gender]\nf = { min = 1, max = 3 }\nm = [1, 3]\n", encoding="utf-8"
    )
    csv = tmp_path / "q.csv"
    csv.write_text("feature,value,min,max\ngender,m,1,3\ngender,f,1,3\n", encoding="utf-8")
    a = read_quotas(toml)
    b = read_quotas(csv, panel_size=4)
    assert a == b
    assert a.sha256 == b.sha256
    assert a.features == ["gender"]


def test_bad_quotas_are_reported(tmp_path):
    csv = tmp_path / "q.csv"
    csv.write_text("feature,value,min,max\ngender,m,3,1\ngender,f,x,2\ngender,m,0,1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_quotas(csv, panel_size=4)
    assert [p.line for p in info.value.problems] == [2, 3]
    with pytest.raises(InputError, match="panel size"):
        make_quotas(0, {"g": {"f": (0, 1)}})
