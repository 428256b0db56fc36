"""The strict YAML reader: text stays text, every problem is located."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.content.yamlfile import Map, Scalar, parse_yaml, read_yaml
from generator.problems import Problems


def parse(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_yaml(text, "f.yml", problems)
    return node, [p.format() for p in problems.items]


@pytest.mark.parametrize("value", ["NO", "yes", "on", "off", "1:20", "010", "3.10", "0x1F", "~x"])
def test_scalars_keep_the_text_as_written(value: str) -> None:
    node, errors = parse(f"field: {value}\n")
    assert errors == []
    assert isinstance(node, Map)
    scalar = node.entries["field"][1]
    assert isinstance(scalar, Scalar) and scalar.text == value


def test_duplicate_key_names_both_lines() -> None:
    node, errors = parse("title: a\nsummary: b\ntitle: c\n")
    assert isinstance(node, Map) and node.entries["title"][1].text == "a"
    assert errors == ["f.yml:3:1: error: [title] duplicate key 'title' (first defined at line 1); keep only one of them"]


def test_alias_bomb_fails_fast_with_location() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert len(bomb) < 400
    started = time.perf_counter()
    node, errors = parse(bomb)
    assert time.perf_counter() - started < 0.5
    assert node is None
    assert errors[0].startswith("f.yml:1:4: error: YAML anchors and aliases")


def test_tab_indentation_is_located() -> None:
    _, errors = parse("title: a\ncomponents:\n\t- id: x\n")
    assert errors == ["f.yml:3:1: error: tab character used for indentation; YAML needs spaces (use 2 spaces per level)"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file_is_an_error(text: str) -> None:
    node, errors = parse(text)
    assert node is None and errors[0].startswith("f.yml:1:1: error: the file is empty")


def test_python_tags_are_refused() -> None:
    node, errors = parse("title: !!python/object/apply:os.system ['echo hi']\n")
    assert isinstance(node, Map) and node.entries["title"][1].text == ""
    assert "is not allowed" in errors[0] and errors[0].startswith("f.yml:1:8:")


def test_syntax_error_is_located() -> None:
    _, errors = parse("title: [a, b\nsummary: c\n")
    assert errors[0].startswith("f.yml:") and "invalid YAML" in errors[0]


def test_an_unclosed_quote_names_where_it_starts_and_what_to_check() -> None:
    _, errors = parse('id: x\ntitle: "unclosed\nsummary: text\n')
    assert errors[0].startswith("f.yml:4:1: error: invalid YAML:"), errors
    assert "starts at line 2, column 8" in errors[0] and "check the quotes" in errors[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("title: caf\xe9\n".encode("latin-1"), "f.yml:1:11: error: the file is not valid UTF-8 (byte 0xE9)"),
        ("title: x\n".encode("utf-16"), "f.yml:1:1: error: the file is UTF-16 encoded"),
        (b"title: a\x00b\n", "f.yml:1:9: error: NUL byte in file"),
    ],
)
def test_bad_encodings_are_located(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(raw)
    problems = Problems()
    assert read_yaml(path, "f.yml", problems) is None
    assert problems.items[0].format().startswith(expected)


def test_utf8_bom_is_accepted_and_ignored(tmp_path: Path) -> None:
    plain, bom = tmp_path / "a.yml", tmp_path / "b.yml"
    plain.write_bytes("title: café\n".encode())
    bom.write_bytes(b"\xef\xbb\xbf" + "title: café\n".encode())
    problems = Problems()
    assert read_yaml(plain, "x", problems) == read_yaml(bom, "x", problems)
    assert not problems
