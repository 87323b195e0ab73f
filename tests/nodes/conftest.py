"""The multi-node test runs real processes (two web nodes, a worker, nginx) for a few minutes: it
runs only when asked, with ``PARVIS_NODES_TEST=1`` (``make test-nodes``), on PostgreSQL."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PARVIS_NODES_TEST") == "1":
        return
    skip = pytest.mark.skip(reason="several nodes: run with `make test-nodes` (PARVIS_NODES_TEST=1)")
    for item in items:
        if "nodes" in item.keywords:
            item.add_marker(skip)
