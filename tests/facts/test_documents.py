"""Reading article files: bad files are refused with a reason, boilerplate is dropped, spans stay true."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.facts.documents import MAX_ARTICLE_BYTES, ArticleError, fold, read_article


def _write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("caf\u00e9 news".encode("latin-1"), "not UTF-8"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too large"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        read_article(_write(tmp_path, data))


def test_boilerplate_and_other_stories_are_dropped(tmp_path: Path) -> None:
    text = (
        "Back to All News\nThe headline\n03 May 2021\nFirst sentence here. Second one, at St. Tropez today.\n"
        "Continue reading below ↓\nLink copied to clipboard\nPhotograph: Jane Doe / Agency\n"
        "Last sentence.\nMore from Netflix\nAnother show arrives on January 9\n"
    )
    article = read_article(_write(tmp_path, text.encode()))
    sentences = [s.text for s in article.sentences]
    assert sentences == [
        "The headline",
        "First sentence here.",
        "Second one, at St. Tropez today.",
        "Last sentence.",
    ]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.start + len(sentence.text)] == sentence.text


def test_header_on_the_first_line_is_cut_from_the_first_sentence(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, b" date 2024-08-12 From Chicago to Paris, a story."))
    assert article.sentences[0].text == "From Chicago to Paris, a story."
    assert str(article.publication_date) == "2024-08-12"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Michèle LEROY") == fold("michele leroy")
