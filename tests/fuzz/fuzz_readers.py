"""Coverage-guided fuzzing of the readers with atheris (optional; not part of the test suite).

    pip install atheris
    .venv/bin/python tests/fuzz/fuzz_readers.py -max_total_time=600 [corpus_dir]

Each input is split into a format choice (its first byte) and the bytes a reader gets.
The property is the one tests/test_trust_props.py checks with hypothesis: a reader yields
articles or rejections, or raises InputError, and never anything else. Anything else is a
crash atheris reports with the input that caused it.
"""

from __future__ import annotations

import sys

try:
    import atheris
except ImportError:  # keep the message short: this script is optional
    sys.exit("atheris is not installed: pip install atheris")

with atheris.instrument_imports():
    from storyline.errors import InputError
    from storyline.ingest import Limits, feed, html, newsplease, text, warc
    from storyline.ingest.safety import html_shape
    from storyline.model import RawArticle, Rejection

READERS = [text.read, html.read, newsplease.read, warc.read, feed.read]
LIMITS = Limits(max_article_chars=20_000, max_html_chars=100_000)


def one_input(data: bytes) -> None:
    if not data:
        return
    reader, payload = READERS[data[0] % len(READERS)], data[1:]
    try:
        for item in reader(payload, "fuzz", "fuzz", LIMITS):
            assert isinstance(item, (RawArticle, Rejection))
    except InputError:
        pass
    html_shape(payload.decode("utf-8", "replace"), 1_000)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
