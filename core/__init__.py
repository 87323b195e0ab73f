"""Parvis: a plugin-based participation framework for cities."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parvis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
