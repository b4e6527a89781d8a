"""YAML for the project's data files, bundled or a user's: one place picks the loader.

libyaml's safe loader (CSafeLoader) builds the same data as PyYAML's pure-Python SafeLoader (the
constructor is the same; only the scanner and parser are C; a test compares them on every
bundled file) in about a tenth of the time: the bundled files cost ~100 ms per process with the
pure-Python one, paid by every cold run and every batch worker. PyYAML built without libyaml
falls back to the pure-Python loader.
"""
from __future__ import annotations

from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, faster; raises yaml.YAMLError on invalid YAML as it does."""
    return yaml.load(text, Loader=LOADER)
