"""Every relative link in README.md and docs/*.md leads to a file in the repository, and every #anchor
to a heading of the file it points at (the docs are read on GitHub, which makes those anchors)."""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^```.*?^```", flags=re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")


def _prose(text: str) -> str:
    """The text without code blocks and inline code, where brackets are not links."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def _slug(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation (backticks too) dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(md_file: Path) -> set[str]:
    """The heading ids of a Markdown file; a repeated id is numbered -1, -2... as GitHub does."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*$", FENCE.sub("", md_file.read_text(encoding="utf-8")), flags=re.MULTILINE):
        slug = _slug(heading)
        n = seen.get(slug, 0)
        anchors.add(slug if n == 0 else f"{slug}-{n}")
        seen[slug] = n + 1
    return anchors


def _relative_links(md_file: Path) -> list[str]:
    return [t for t in LINK.findall(_prose(md_file.read_text(encoding="utf-8"))) if not re.match(r"^[a-z][a-z0-9+.-]*:", t)]


def test_the_docs_have_relative_links_to_check():
    assert (ROOT / "README.md") in DOCS and any(_relative_links(ROOT / "README.md")), "README.md links to no document"


@pytest.mark.parametrize("md_file", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(md_file):
    broken = []
    for target in _relative_links(md_file):
        path_part, _, anchor = target.partition("#")
        dest = (md_file.parent / path_part).resolve() if path_part else md_file
        if not dest.is_relative_to(ROOT) or not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target}: no heading with that anchor in {dest.relative_to(ROOT)}")
    assert not broken, f"broken links in {md_file.relative_to(ROOT)}: {broken}"


@pytest.mark.parametrize(
    "heading, github_id",
    [
        ("Known gaps (measured, not fixed here)", "known-gaps-measured-not-fixed-here"),
        ("plotly.js loads `async`, first (`dashboard/app.py` `_async_plotly`)", "plotlyjs-loads-async-first-dashboardapppy-_async_plotly"),
        ("Time to map meets 0.5× with little room", "time-to-map-meets-05-with-little-room"),
    ],
)
def test_anchor_rule_matches_github(heading, github_id):
    assert _slug(heading) == github_id
