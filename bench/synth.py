"""Synthetic benchmark projects: N obviously synthetic practices (English plus
a Dutch overlay each) beside a copy of the real modules, recommendations,
indicators and Eurostat figures, written to a folder outside the repository.

Each practice has every field at a realistic size (~600 words across
summary, challenge, how it works, results and evaluation), a country cycled
through the EU member states, one or two building blocks and two sources
(address and publisher each). `toolkit check` passes on the result with no
error and no warning (bench/run.py checks this before measuring).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EU_CODES = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
ORG_TYPES = ("public_authority", "city_network", "ngo", "social_partners", "research", "partnership")
FUNDING = ("EIF", "ESF", "AMIF", "ERDF", "national", "local")
# Not example.org: `toolkit check` warns about RFC 2606 example addresses as
# placeholders, and a bench project must check clean.
SOURCE_SITE = "https://synthetic-sources.eu-integration.info/practice"
GROUPS_EN = ("newly arrived migrants", "refugees", "migrant women", "young migrants",
             "employers", "local authorities", "teachers", "migrant organisations")
GROUPS_NL = ("pas aangekomen migranten", "vluchtelingen", "migrantenvrouwen", "jonge migranten",
             "werkgevers", "lokale overheden", "leraren", "migrantenorganisaties")

# Lorem-like but with the vocabulary of the field, so word lengths, stemming
# and the search index behave like real practices.
WORDS_EN = (
    "integration migrants local authority programme course language training employment "
    "municipality partners network citizens newcomers participation community services "
    "evaluation results mentoring volunteers schools teachers employers skills recognition "
    "housing health counselling orientation civic workshops outreach cooperation funding "
    "regional national european project pilot approach method peer review benchmark "
    "indicators monitoring quality access equal treatment diversity dialogue associations "
    "the of and to in for with a on by that their was were is are as at from this which"
).split()
WORDS_NL = (
    "integratie migranten gemeente programma cursus taal opleiding werkgelegenheid "
    "partners netwerk burgers nieuwkomers deelname gemeenschap diensten evaluatie "
    "resultaten begeleiding vrijwilligers scholen leraren werkgevers vaardigheden erkenning "
    "huisvesting gezondheid advies oriëntatie inburgering workshops samenwerking financiering "
    "regionaal nationaal europees project proef aanpak methode toetsing indicatoren "
    "kwaliteit toegang gelijke behandeling diversiteit dialoog verenigingen "
    "de het een van en in voor met op door dat hun was waren is zijn als bij uit deze die"
).split()


def _sentence(rng: random.Random, words: tuple[str, ...] | list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(9, 18))]
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, words, n_words: int, paragraphs: int = 1, bullets: int = 0) -> str:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < n_words:
        sentences.append(_sentence(rng, words))
    chunk = max(1, len(sentences) // paragraphs)
    paras = [" ".join(sentences[i:i + chunk]) for i in range(0, len(sentences), chunk)]
    out = "\n\n".join(_wrap(p) for p in paras)
    if bullets:
        out += "\n\n" + "\n".join(f"- {_sentence(rng, words)[:-1]};" for _ in range(bullets))
    return out


def _wrap(paragraph: str, width: int = 88) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def _block(text: str) -> str:
    return "|\n" + "\n".join(f"  {line}" if line else "" for line in text.splitlines()) + "\n"


def components_by_module(content_dir: Path) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for path in sorted((content_dir / "modules").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        result[path.stem] = re.findall(r"^  - id: ([a-z0-9-]+)$", text, flags=re.M)
    return result


def practice_id(index: int) -> str:
    return f"synthetic-practice-{index:05d}"


def practice_yaml(index: int, modules: dict[str, list[str]], marker: str = "") -> str:
    rng = random.Random(index)
    module_ids = sorted(modules)
    module = module_ids[index % len(module_ids)]
    comps = rng.sample(modules[module], k=min(len(modules[module]), 1 + index % 2))
    country = EU_CODES[index % len(EU_CODES)]
    start = 2000 + index % 24
    title = f"Synthetic practice {index:05d}{marker}"
    fields = {
        "summary": _text(rng, WORDS_EN, 80),
        "challenge": _text(rng, WORDS_EN, 90),
        "how_it_works": _text(rng, WORDS_EN, 200, paragraphs=2, bullets=3),
        "results": _text(rng, WORDS_EN, 130, paragraphs=2),
        "evaluation": _text(rng, WORDS_EN, 70),
    }
    groups = rng.sample(range(len(GROUPS_EN)), k=2)
    lines = [
        "# yaml-language-server: $schema=../../schemas/practice.schema.json",
        f"id: {practice_id(index)}",
        f'title: "{title}"',
        f"country: [{country}]",
        f"area: Synthetic town {index % 97}",
        "period:",
        f"  start: {start}",
        f"  end: {'ongoing' if index % 3 == 0 else start + 2}",
    ]
    lines += [f"{name}: {_block(text)}".rstrip("\n") for name, text in fields.items()]
    lines += [
        f"target_groups: [{', '.join(GROUPS_EN[g] for g in groups)}]",
        "organisation:",
        f"  name: Synthetic organisation {index % 211}",
        f"  type: {ORG_TYPES[index % len(ORG_TYPES)]}",
        f"funding: [{FUNDING[index % len(FUNDING)]}]",
        f"modules: [{module}]",
        f"components: [{', '.join(comps)}]",
        f"status: {'evaluated' if index % 2 else 'innovative'}",
        "sources:",
        f'  - title: "Synthetic source {index:05d}-a, project report"',
        f"    url: {SOURCE_SITE}/{index:05d}/report",
        "    publisher: Synthetic publisher",
        f'  - title: "Synthetic source {index:05d}-b, evaluation"',
        f"    url: {SOURCE_SITE}/{index:05d}/evaluation",
        "    publisher: Synthetic evaluator",
        f"updated: 2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
    ]
    return "\n".join(lines) + "\n"


def translation_yaml(index: int, marker: str = "") -> str:
    rng = random.Random(10_000_000 + index)
    groups = random.Random(index).sample(range(len(GROUPS_NL)), k=2)
    lines = [
        "# yaml-language-server: $schema=../../../../schemas/practice.translation.schema.json",
        f"id: {practice_id(index)}",
        f'title: "Synthetische praktijk {index:05d}{marker}"',
        f"area: Synthetische stad {index % 97}",
        f"summary: {_block(_text(rng, WORDS_NL, 80))}".rstrip("\n"),
        f"challenge: {_block(_text(rng, WORDS_NL, 90))}".rstrip("\n"),
        f"how_it_works: {_block(_text(rng, WORDS_NL, 200, paragraphs=2, bullets=3))}".rstrip("\n"),
        f"results: {_block(_text(rng, WORDS_NL, 130, paragraphs=2))}".rstrip("\n"),
        f"evaluation: {_block(_text(rng, WORDS_NL, 70))}".rstrip("\n"),
        f"target_groups: [{', '.join(GROUPS_NL[g] for g in groups)}]",
        "sources:",
        f'  - title: "Synthetische bron {index:05d}-a, projectverslag"',
        f'  - title: "Synthetische bron {index:05d}-b, evaluatie"',
    ]
    return "\n".join(lines) + "\n"


def synthetic_config(config: str, languages: tuple[str, ...]) -> str:
    """The repository's mkdocs.yml with the plugin pointed at the copied folders."""
    ours = ("languages:", "content_dir:", "data_dir:", "cache_dir:", "extra_content_dirs:",
            "extra_data_dirs:")
    lines = [line for line in config.splitlines()
             if not (line.startswith("      ") and line.strip().startswith(ours))]
    at = next(i for i, line in enumerate(lines) if line.strip() == "- european-modules:")
    lines[at + 1:at + 1] = [
        f"      languages: [{', '.join(languages)}]",
        "      content_dir: content",
        "      data_dir: data",
        "      cache_dir: .cache",
    ]
    return "\n".join(lines) + "\n"


def make_project(folder: Path, n_practices: int, languages: tuple[str, ...] = ("en", "nl")) -> Path:
    """A complete project folder; returns its mkdocs.yml."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "docs").mkdir()
    modules = components_by_module(folder / "content")
    practices = folder / "content" / "practices"
    overlays = folder / "content" / "translations" / "nl" / "practices"
    for index in range(1, n_practices + 1):
        (practices / f"{practice_id(index)}.yml").write_text(practice_yaml(index, modules), encoding="utf-8")
        if "nl" in languages:
            (overlays / f"{practice_id(index)}.yml").write_text(translation_yaml(index), encoding="utf-8")
    config = synthetic_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), languages)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    target = make_project(Path(sys.argv[1]), int(sys.argv[2]))
    print(target)
