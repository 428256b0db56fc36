"""UI message catalogues: `site_templates/messages/<lang>.yml`.

Keys are the English strings used in templates (`{{ _("Target groups") }}`),
so an English catalogue is not needed and a translator sees the meaning of
each key. A missing entry falls back to English and is listed by
`toolkit i18n status`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.yamlfile import Map, Scalar, read_yaml
from generator.problems import Problems, display_path

_CALL = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*[,)]""")


@dataclass
class Catalogue:
    language: str
    messages: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    def gettext(self, key: str, **values: object) -> str:
        text = self.messages.get(key)
        if text is None:
            self.missing.add(key)
            text = key
        return text.format(**values) if values else text


def load_catalogue(folders: list[Path], language: str, problems: Problems, root: Path) -> Catalogue:
    """The catalogue of `language` from each folder in turn: a later folder
    (a publisher's own `messages_dir`) adds or overrides strings."""
    catalogue = Catalogue(language)
    paths = [folder / f"{language}.yml" for folder in folders if (folder / f"{language}.yml").exists()]
    if not paths and language != "en":
        problems.warning(
            _location(folders[-1] / f"{language}.yml", root),
            f"no UI message catalogue for '{language}': labels stay English",
        )
    for path in paths:
        node = read_yaml(path, display_path(path, root), problems)
        if not isinstance(node, Map):
            continue
        for key, (key_loc, value) in node.entries.items():
            if not isinstance(value, Scalar) or not value.text.strip():
                problems.error(key_loc, f"the translation of '{key}' must be a line of text")
                continue
            catalogue.messages[key] = value.text  # keep spaces: " and " joins labels
    return catalogue


def _location(path: Path, root: Path):
    from generator.problems import Location

    return Location(display_path(path, root))


def template_keys(template_dir: Path) -> set[str]:
    """Every key of a gettext call (underscore function) in the templates and in the Python code that
    writes text for pages (navigation, explorer, chart labels and descriptions)."""
    keys: set[str] = set()
    sources = sorted(template_dir.rglob("*.j2")) + sorted(Path(__file__).resolve().parents[1].rglob("*.py"))
    for path in sources:
        keys.update(match.group(2) for match in _CALL.finditer(path.read_text(encoding="utf-8")))
    return keys
