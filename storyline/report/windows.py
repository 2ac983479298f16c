"""How an undated item's window is said in words, shared by the report formats."""

from __future__ import annotations


def window_words(earliest: str | None, latest: str | None, day=lambda d: d, none: str = "undated") -> str:
    """The window an undated item's evidence allows, in words ("between X and Y", "on or before
    Y"); ``day`` renders a day (ISO as it is, or as a reader says it)."""
    if earliest and latest and earliest == latest:
        return f"on {day(earliest)}"  # a window closed to one day
    if earliest and latest:
        return f"between {day(earliest)} and {day(latest)}"
    if latest:
        return f"on or before {day(latest)}"
    if earliest:
        return f"on or after {day(earliest)}"
    return none
