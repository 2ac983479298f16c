"""Checks the browser tests share: what a reader of a page on a narrow screen must never meet."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# Everything that is laid out must lie inside the window's width, unless it sits in a box the
# reader can scroll sideways (a wide table); every chart label must lie inside its chart.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.getClientRects().length || el.closest(".sr")) continue;
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 1 || r.left < -1) && !scrolls(el))
      out.push(el.tagName.toLowerCase() + "." + el.className + ": " + (el.textContent || "").trim().slice(0, 60));
  }
  const clipped = [];
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.getClientRects().length) continue;
    const r = t.getBoundingClientRect(), s = t.ownerSVGElement.getBoundingClientRect();
    if (r.left < s.left - 1 || r.right > s.right + 1 || r.bottom > s.bottom + 1) clipped.push(t.textContent);
  }
  return {page: document.documentElement.scrollWidth, width: width, out: out.slice(0, 10), clipped: clipped};
}"""


def assert_nothing_cut_off(pg) -> None:
    """No horizontal overflow of the page, nothing outside the window but in a scroll box,
    no chart label clipped."""
    found = pg.evaluate(_OVERFLOW)
    assert found["page"] <= found["width"], found
    assert found["out"] == [], found
    assert found["clipped"] == [], found
