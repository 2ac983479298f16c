"""Outlet names from domains and URLs, and from a page that names itself."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from storyline import words as wordlists

_SECOND_LEVEL = wordlists.words("second_level_domains")


def outlet_from_domain(value: str) -> str | None:
    """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``; ``reuters.com`` -> ``reuters.com``.

    The registrable domain is what the URL proves; we do not dress it up as a brand name.
    """
    value = value.strip()
    if not value:
        return None
    host = urlsplit(value).hostname if "//" in value else value.split("/")[0]
    if not host or "." not in host or " " in host:
        return None
    host = host.lower().rstrip(".")
    if _is_ip(host):  # an address, not a name: nothing says which outlet it is
        return None
    for prefix in ("www.", "m.", "amp.", "mobile.", "edition."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


# A page names itself: "A Message from The Moscow Times", "© 2024 The Daily Planet",
# "Copyright (c) 2019 Planet Media Ltd. All rights reserved.".
_NAME = r"(?P<name>(?:The |the )?[A-Z][\w&'’-]*(?:\.[A-Za-z]{2,})?(?: (?:of |on |de |&amp; |& )?[A-Z][\w&'’-]*(?:\.[A-Za-z]{2,})?){0,4})"
_SELF_NAME = [
    re.compile(r"^(?i:a (?:message|note|letter|word) from) " + _NAME + r"\s*[:.!]?\s*$", re.M),
    re.compile(r"(?:©|\((?i:c)\)|(?i:copyright))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?,?\s*)?" + _NAME),
]
_NOT_NAMES = wordlists.words("not_outlet_names")
_LEGAL = re.compile(r"\s+(?:" + wordlists.alternation("legal_suffixes") + r")\.?$")


def outlet_from_text(lines: list[str]) -> tuple[str | None, str | None]:
    """Find a name the page gives itself in its furniture. Returns (name, evidence line)."""
    for line in lines:
        for rx in _SELF_NAME:
            m = rx.search(line)
            if m:
                name = m.group("name").strip(" .,:")
                # "Planet Media Ltd" is the company; the outlet is the name before the legal form.
                while True:
                    shorter = _LEGAL.sub("", name).strip(" .,:")
                    if shorter == name:
                        break
                    name = shorter
                if len(name) > 2 and name.lower() not in _NOT_NAMES:
                    return name, line.strip()
    return None, None


# An outlet signing its copy at the foot: "teleSUR/ JF Source: EFE", "Prensa Latina / abm-mgt".
# The name before the slash is the outlet, the letters after it the editors' initials, and
# what follows "Source:" the wire it took the facts from (a credit, kept apart by the caller).
_SIGN_OFF = re.compile(
    r"^(?P<name>[A-Za-z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})\s?/\s?(?P<initials>[A-Za-z]{2,4}(?:\s?[-,/]\s?[A-Za-z]{2,4}){0,3})"
    r"(?:\s+(?i:sources?|with|from)\b.*)?\s*$")


def outlet_from_sign_off(line: str) -> tuple[str, str] | None:
    """(outlet, initials) when ``line`` is an outlet's sign-off, else None. The caller checks
    that neither part is a wire agency ("Reuters/ KCNA" is a photo credit, not an outlet)."""
    m = _SIGN_OFF.match(line.strip())
    if not m or not any(c.isupper() for c in m.group("name")) or m.group("name").lower() in _NOT_NAMES:
        return None
    return m.group("name"), m.group("initials")
