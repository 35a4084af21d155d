"""The summary chart: attendance and the most-dotted concerns, as a PNG a phone shows well.

Matplotlib is imported only when a chart is drawn: the bot starts without it. Its text goes
through libraqm (HarfBuzz shaping, the Unicode bidirectional algorithm), so Dari and Pashto are
given to it in logical order, as typed: it joins the letters, Pashto's own included (ټ ښ ګ
ځ څ, which have no presentation forms a reshaper could substitute), and lays them out right
to left. The font is Noto Sans Arabic, installed with the project (fontpkg-noto-sans-arabic).
"""

from __future__ import annotations

import io
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import FSI, PDI, RIGHT_TO_LEFT, Catalog, Msg, msg
from bot.i18n.calendar import format_date
from bot.services.summary import Summary, concern_text
from bot.views import first_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# 1080 pixels wide, text at least 13 points (27 pixels): still readable when Telegram shows it
# in a chat on a phone, and sharp when it is opened full screen.
WIDTH_INCHES = 7.2
DPI = 150
TITLE_LENGTH = 40  # characters of a meeting's title on the chart
LABEL_LENGTH = 38  # characters of a concern's text on the chart
CONCERNS_SHOWN = 5
ANSWERED, CAME, DOTS, TRACK = "#9ecae1", "#08519c", "#e6550d", "#f0f0f0"
ARABIC_FAMILY = "Noto Sans Arabic"
LATIN_FAMILY = "DejaVu Sans"  # matplotlib's own font
_RLM, _LRM = "\u200f", "\u200e"
_drawing = threading.Lock()  # matplotlib's font cache is shared: one chart at a time


@dataclass(frozen=True)
class Bar:
    """One row: a label, a value drawn as a bar, and optionally a part of it drawn over it."""

    label: Msg | str  # a translated label, or text people wrote (a concern)
    value: int
    part: int | None = None
    note: Msg | None = None  # the figures, at the row's far end


@dataclass(frozen=True)
class Panel:
    title: Msg
    bars: tuple[Bar, ...]
    empty: Msg  # said instead of bars when there are none
    legend: tuple[tuple[Msg, str], ...] = ()  # what each colour means
    colour: str = ANSWERED


@dataclass(frozen=True)
class Chart:
    """A chart described without matplotlib: drawn in the reader's language by `draw`."""

    title: str
    subtitle: datetime  # the meeting's date, shown in the reader's calendar
    timezone: str
    panels: tuple[Panel, ...]
    caption: Msg


def summary_chart(summary: Summary) -> Chart:
    """The summary's chart: each answer against who checked in, and the top concerns."""
    attendance = []
    for count in summary.answers:
        if count.answer is None:
            if not count.came:
                continue
            label = msg("summary-chart-no-answer")
            note = msg("summary-chart-came", came=count.came)
            attendance.append(Bar(label, count.came, count.came, note))
            continue
        note = msg("summary-chart-came-of", came=count.came, answered=count.answered)
        label = msg(f"summary-chart-{count.answer}")
        attendance.append(Bar(label, count.answered, count.came, note))
    concerns = tuple(
        Bar(
            msg(
                "summary-chart-concern",
                number=concern.number,
                text=concern_text(concern, LABEL_LENGTH),
            ),
            concern.dots,
            note=msg("summary-chart-dots", dots=concern.dots),
        )
        for concern in summary.agenda[:CONCERNS_SHOWN]
    )
    return Chart(
        title=first_words(summary.title, TITLE_LENGTH),
        subtitle=summary.starts_at,
        timezone=summary.timezone,
        panels=(
            Panel(
                msg("summary-chart-attendance", count=summary.checked_in),
                tuple(attendance),
                msg("summary-chart-nobody"),
                legend=(
                    (msg("summary-chart-legend-answered"), ANSWERED),
                    (msg("summary-chart-legend-came"), CAME),
                ),
            ),
            Panel(
                msg("summary-chart-concerns"),
                concerns,
                msg("summary-chart-no-concerns"),
                colour=DOTS,
            ),
        ),
        caption=msg("summary-chart-caption", title=summary.title),
    )


# --- drawing ------------------------------------------------------------------------------


def font_path() -> Path:
    """The Noto Sans Arabic file the project's install brings (every Dari and Pashto letter)."""
    folder = files("fontpkg_noto_sans_arabic") / "files"
    return Path(str(next(p for p in folder.iterdir() if p.name.endswith(".ttf"))))


@cache
def _fonts() -> frozenset[int]:
    """Register the font with matplotlib once; the code points the two fonts can show."""
    from matplotlib import font_manager, get_data_path
    from matplotlib.ft2font import FT2Font

    arabic = str(font_path())
    font_manager.fontManager.addfont(arabic)
    latin = str(Path(get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    return frozenset(FT2Font(arabic).get_charmap()) | frozenset(FT2Font(latin).get_charmap())


def shown(text: str, lang: str) -> str:
    """A label as matplotlib gets it: in logical order, what no font has (an emoji) left
    out, and a mark that sets the line's direction to the reader's (a Dari label that
    starts with `#12` or a Latin name is still laid out right to left)."""
    known = _fonts()
    kept = "".join(c for c in text if ord(c) in known or unicodedata.category(c) == "Cf")
    return (_RLM if lang in RIGHT_TO_LEFT else _LRM) + " ".join(kept.split())


class _Canvas:
    """Text and bars placed from the reader's side (the right one in Dari and Pashto), line by
    line from the top, in inches; a dry run (no axes) only measures the height."""

    MARGIN = 0.05  # of the width, on both sides

    def __init__(self, ax: Axes | None, catalog: Catalog, lang: str, height: float) -> None:
        self.ax, self.catalog, self.lang = ax, catalog, lang
        self.rtl = lang in RIGHT_TO_LEFT
        self.family = [ARABIC_FAMILY, LATIN_FAMILY] if self.rtl else [LATIN_FAMILY, ARABIC_FAMILY]
        self.y = height - TOP

    def _x(self, x: float) -> float:
        return 1 - x if self.rtl else x

    def _text(self, label: Msg | str) -> str:
        if isinstance(label, str):
            # Text people wrote takes its own direction, and its "…" stays at its own end; a
            # parameter of a catalog message is isolated by the catalog.
            return shown(f"{FSI}{label}{PDI}", self.lang)
        return shown(self.catalog.render(self.lang, label, plain=True), self.lang)

    def write(
        self, label: Msg | str, size: float, *, x: float = MARGIN, end: bool = False, **kw: object
    ) -> None:
        """Text at `x` from the start side (from the end side with `end`), on this line."""
        if self.ax is None:
            return
        start_side = "right" if self.rtl else "left"
        other_side = "left" if self.rtl else "right"
        self.ax.text(
            self._x(1 - x if end else x),
            self.y,
            self._text(label),
            ha=other_side if end else start_side,
            va="top",
            fontsize=size,
            family=self.family,
            language=self.lang,
            **kw,  # type: ignore[arg-type]
        )

    def bar(self, fraction: float, height: float, colour: str, *, x: float = MARGIN) -> None:
        """A bar from `x` on the start side, `fraction` of the full width long."""
        if self.ax is None:
            return
        from matplotlib.patches import Rectangle

        width = (1 - 2 * self.MARGIN) * max(0.0, min(fraction, 1.0))
        left = self._x(x + width) if self.rtl else x
        self.ax.add_patch(Rectangle((left, self.y - height), width, height, color=colour, lw=0))

    def down(self, inches: float) -> None:
        self.y -= inches


TOP, BOTTOM = 0.35, 0.3  # inches of white above and below
ROW, BAR = 0.62, 0.26  # a labelled bar: label and bar together, and the bar alone


def _panel(canvas: _Canvas, panel: Panel) -> None:
    canvas.write(panel.title, 19, color="#222222")
    canvas.down(0.5)
    if panel.legend:
        x = canvas.MARGIN
        for label, colour in panel.legend:
            canvas.bar(0.035, 0.2, colour, x=x)
            canvas.write(label, 13, x=x + 0.05, color="#444444")
            x += 0.45
        canvas.down(0.42)
    if not panel.bars:
        canvas.write(panel.empty, 15, color="#666666")
        canvas.down(0.55)
        return
    top = max(max(bar.value for bar in panel.bars), 1)
    for bar in panel.bars:
        canvas.write(bar.label, 15, color="#222222")
        if bar.note is not None:
            canvas.write(bar.note, 15, end=True, color="#222222")
        canvas.down(ROW - BAR)
        canvas.bar(1.0, BAR, TRACK)
        canvas.bar(bar.value / top, BAR, panel.colour)
        if bar.part is not None:
            canvas.bar(bar.part / top, BAR, CAME)
        canvas.down(BAR + 0.22)
    canvas.down(0.25)


def _layout(canvas: _Canvas, chart: Chart) -> None:
    canvas.write(chart.title, 22, color="#111111")
    canvas.down(0.5)
    day = chart.subtitle.astimezone(ZoneInfo(chart.timezone)).date()
    canvas.write(format_date(day, canvas.lang), 14, color="#555555")
    canvas.down(0.6)
    for panel in chart.panels:
        _panel(canvas, panel)


def draw(chart: Chart, catalog: Catalog, lang: str) -> bytes:
    """The chart as a PNG in `lang` (Persian digits and the Solar Hijri date in fa and ps),
    1080 pixels wide and as tall as its rows need."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    measure = _Canvas(None, catalog, lang, 0.0)
    _layout(measure, chart)
    height = -measure.y + BOTTOM
    with _drawing:
        _fonts()
        figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
        FigureCanvasAgg(figure)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, height)
        ax.axis("off")
        _layout(_Canvas(ax, catalog, lang, height), chart)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, facecolor="white")
        return out.getvalue()


def cache_key(chart: Chart, lang: str) -> str:
    """What makes two charts the same picture (the group's and a coordinator's in one language)."""
    return repr((lang, chart))
