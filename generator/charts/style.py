"""How every chart looks: Vega-Lite version, sizes, palette, fonts.

Colours are Okabe-Ito-derived, each at least 3:1 against white (WCAG
1.4.11); series also differ by point shape and line dash, never by colour
alone. Low-reliability points (Eurostat flag u) are hollow.
"""

from __future__ import annotations

# Altair 6.3 ships the Vega-Lite 6.4.1 schema; vl-convert 1.9 bundles 6.4.
# The spec's $schema, the SVG renderer and the browser bundle use the same one.
VL_VERSION = "6.4"
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

# In the browser a chart is as wide as its frame ("container"); the static
# SVG (no JavaScript, print) is drawn at this width, axes included, and
# shrinks to fit a phone (about 85 % at 390 px).
STATIC_WIDTH = 420
STATIC_LINE_CHARACTERS = 72  # of the 11 px source line and notes under the static chart
LINE_HEIGHT = 280
ROW_STEP = 20  # one country in the comparison chart
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_SIZE = 12
TEXT = "#333333"
MUTED = "#767676"  # 4.5:1 on white
GRID = "#e6e6e6"

# Pixels one year label needs, and one value label, so labels never touch.
YEAR_LABEL_SPACE = 40
VALUE_LABEL_SPACE = 64


class Style:
    """A series' colour, point shape and line dash."""

    def __init__(self, color: str, shape: str, dash: list[int]):
        self.color, self.shape, self.dash = color, shape, dash


GROUP_STYLES = (
    Style("#0072B2", "circle", [1, 0]),  # the reference group (nationals …): 5.2:1
    Style("#B84A00", "triangle-up", [6, 3]),  # the non-EU group: 5.2:1
)
SEX_STYLES = (
    Style("#6A3D9A", "diamond", [1, 0]),  # women: 7.6:1
    Style("#117733", "square", [6, 3]),  # men: 5.7:1
)
AREA_STYLES = (
    Style("#0072B2", "circle", [1, 0]),  # the country
    Style("#555555", "square", [6, 3]),  # the EU aggregate: 7.5:1
)
HOLLOW = "#ffffff"
DIMMED = 0.2
