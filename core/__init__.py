"""Parvis: a plugin-based participation framework for cities."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parvis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

import pluggy

# The marker plugins decorate their hook implementations with: ``@parvis.hookimpl``.
hookimpl = pluggy.HookimplMarker("parvis")
