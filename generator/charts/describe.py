"""One generated paragraph per chart, stating what the figures show.

Rules every sentence keeps:
- every number comes from the selected figures, with its published decimals;
- a comparison sets figures of the same year side by side (or says why not);
- no comparison crosses a change of EU composition (composition.py);
- a figure of low reliability (flag u) is said to be one, also when an
  extreme or a difference rests on it;
- sentences are gettext templates with named placeholders (translators
  reorder them), and every word comes from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.data.format import Observation
from generator.model.entities import Indicator

from .composition import segment
from .labels import area_in_sentence, area_label, group_label, in_sentence, sex_label, who
from .locale import format_value
from .records import Pair, difference, difference_decimals, signed, unsigned
from .select import Series, paired_by_year

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Speaker:
    """Words for one indicator's series in one language."""

    indicator: Indicator
    series: Series
    language: str
    _: Gettext

    @property
    def name(self) -> str:
        return in_sentence(self.indicator.title, self.language)

    def group(self, year: int | None = None) -> str:
        return in_sentence(group_label(self.series.non_eu, self.series.breakdown, self._, year),
                           self.language)

    def reference(self, year: int | None = None) -> str:
        return in_sentence(group_label(self.series.reference, self.series.breakdown, self._, year),
                           self.language)

    def who(self, year: int | None = None) -> str:
        return who(self.series.non_eu, self.series.breakdown, self.indicator.series.age
                   if self.indicator.series else "", self.language, self._, year)

    def place(self, geo: str, year: int | None = None) -> str:
        return area_in_sentence(geo, self.language, self._, year)

    def value(self, o: Observation, mark_low: bool = True) -> str:
        text = format_value(o.value_text, self.indicator.unit, self.language, self._)
        if mark_low and o.low_reliability:
            return self._("{value} (low reliability)").format(value=text)
        return text

    def gap(self, pair: Pair) -> float:
        return difference(pair, self.series.non_eu, self.series.reference)

    def signed(self, pair: Pair) -> str:
        return signed(self.gap(pair), difference_decimals(pair), self.indicator.unit, self.language, self._)

    def unsigned(self, pair: Pair) -> str:
        return unsigned(self.gap(pair), difference_decimals(pair), self.indicator.unit, self.language, self._)

    def resting_on(self, text: str, pair: Pair, year: int) -> str:
        """A difference that rests on a low-reliability figure says so, naming it."""
        low = [o for g, o in sorted(pair.items(), key=lambda item: item[0] != self.series.non_eu)
               if o.low_reliability]
        if not low:
            return text
        figures = "; ".join(self._("{group} {value}").format(
            group=in_sentence(group_label(o.group, o.breakdown, self._, year), self.language),
            value=self.value(o, mark_low=False)) for o in low)
        return self._("{text} (based on a low-reliability figure: {figures})").format(text=text, figures=figures)


def segment_years(series: Series, geo: str, years: Sequence[int]) -> list[int]:
    """The years of the latest composition among `years` (all of them for a fixed population)."""
    if not years:
        return []
    last = segment(geo, series.groups, max(years))
    return [y for y in years if segment(geo, series.groups, y) == last]


def describe_gap_over_time(indicator: Indicator, series: Series, language: str, _: Gettext) -> str:
    area = series.eu_aggregate
    pairs = paired_by_year(series, area, "T") if area else {}
    if not pairs or not series.reference:
        return _describe_single_group(indicator, series, language, _)
    s = Speaker(indicator, series, language, _)
    last_year = max(pairs)
    last = pairs[last_year]
    values = {
        "year": last_year, "indicator": s.name, "group": s.who(last_year), "place": s.place(area, last_year),
        "value": s.value(last[series.non_eu]), "gap": s.unsigned(last),
        "reference": s.reference(last_year), "reference_value": s.value(last[series.reference]),
    }
    if s.gap(last) < 0:
        template = _("In {year} the {indicator} of {group} in {place} was {value}, {gap} below that of {reference} ({reference_value}).")  # noqa: E501
    elif s.gap(last) > 0:
        template = _("In {year} the {indicator} of {group} in {place} was {value}, {gap} above that of {reference} ({reference_value}).")  # noqa: E501
    else:
        template = _("In {year} the {indicator} of {group} in {place} was {value}, the same as that of {reference}.")  # noqa: E501
    sentences = [template.format(**values)]
    comparable = segment_years(series, area, list(pairs))
    first_year = min(comparable)
    if first_year != last_year:
        sentences.append(_change_since(s, pairs[first_year], last, first_year))
    earlier = [y for y in pairs if y < first_year]
    if earlier:
        sentences.append(_("Figures up to {year} describe {place}, a different population: they are not compared with later years.").format(  # noqa: E501
            year=max(earlier), place=s.place(area, max(earlier))))
    return _paragraph(sentences, indicator, series.where(geo=area, sex="T"), _)


def _change_since(s: Speaker, first: Pair, last: Pair, first_year: int) -> str:
    """How the gap of `first_year` compares with the latest one (same population)."""
    _ = s._
    before, now = s.gap(first), s.gap(last)
    if before * now < 0:
        return _("In {year} the difference ({group} minus {reference}) was {difference}.").format(
            year=first_year, group=s.group(first_year), reference=s.reference(first_year),
            difference=s.signed(first))
    if abs(now) < abs(before):
        template = _("In {year} the gap was {gap}: it has narrowed since.")
    elif abs(now) > abs(before):
        template = _("In {year} the gap was {gap}: it has widened since.")
    else:
        template = _("In {year} the gap was also {gap}.")
    return template.format(year=first_year, gap=s.unsigned(first))


def describe_countries(
    indicator: Indicator, series: Series, year: int, pairs: dict[str, Pair],
    focus: tuple[str, ...], language: str, _: Gettext,
) -> str:
    """pairs: {geo: {group: observation}} of `year`, for every country compared."""
    if not pairs:
        return ""
    s = Speaker(indicator, series, language, _)
    low = min(pairs, key=lambda geo: (s.gap(pairs[geo]), geo))
    high = max(pairs, key=lambda geo: (s.gap(pairs[geo]), geo))

    def at(geo: str) -> str:
        text = _("{difference} in {place}").format(difference=s.signed(pairs[geo]), place=s.place(geo, year))
        return s.resting_on(text, pairs[geo], year)

    if low == high:
        sentences = [_("In {year}, one country published figures for both {group} and {reference}: the difference was {difference}.").format(  # noqa: E501
            year=year, group=s.group(year), reference=s.reference(year), difference=at(low))]
    else:
        sentences = [_("In {year}, {count} countries published figures for both {group} and {reference}. The difference ({group} minus {reference}) ranged from {low} to {high}.").format(  # noqa: E501
            year=year, count=len(pairs), group=s.group(year), reference=s.reference(year),
            low=at(low), high=at(high))]
    for geo in focus:
        if geo in pairs:
            sentences.append(s.resting_on(_("{country}: {difference}.").format(
                country=area_label(geo, language, _), difference=s.signed(pairs[geo])), pairs[geo], year))
    chosen = [o for pair in pairs.values() for o in pair.values()]
    return _paragraph(sentences, indicator, chosen, _)


def describe_gap_by_sex(indicator: Indicator, series: Series, language: str, _: Gettext) -> str:
    area = series.eu_aggregate
    s = Speaker(indicator, series, language, _)
    sentences = []
    for sex in ("F", "M"):
        pairs = paired_by_year(series, area, sex)
        if not pairs:
            continue
        year = max(pairs)
        pair = pairs[year]
        sentences.append(_("{sex}, {year}: {group} {value}, {reference} {reference_value} (difference {difference}).").format(  # noqa: E501
            sex=sex_label(sex, _), year=year, group=s.group(year), value=s.value(pair[series.non_eu]),
            reference=s.reference(year), reference_value=s.value(pair[series.reference]),
            difference=s.signed(pair)))
    shown = [o for o in series.observations if o.geo == area and o.sex in ("F", "M")]
    return _paragraph(sentences, indicator, shown, _)


def describe_country_trend(
    indicator: Indicator, series: Series, country: str, own: dict[int, Pair], eu: dict[int, Pair],
    language: str, _: Gettext,
) -> str:
    """A country's latest difference beside the EU's of the same year, and its change."""
    s = Speaker(indicator, series, language, _)
    common = [y for y in own if y in eu]
    latest = max(own)
    sentences = []
    year = max(common) if common else latest
    pair = own[year]
    sentences.append(s.resting_on(_("In {year} the {indicator} of {group} in {place} was {value}, against {reference_value} for {reference}: a difference of {difference}.").format(  # noqa: E501
        year=year, indicator=s.name, group=s.who(year), place=s.place(country, year),
        value=s.value(pair[series.non_eu]), reference_value=s.value(pair[series.reference]),
        reference=s.reference(year), difference=s.signed(pair)), pair, year))
    area = series.eu_aggregate
    if common and area:
        theirs = eu[year]
        sentences.append(s.resting_on(_("In {place} the difference was {difference} ({value} against {reference_value}).").format(  # noqa: E501
            place=s.place(area, year), difference=s.signed(theirs), value=s.value(theirs[series.non_eu]),
            reference_value=s.value(theirs[series.reference])), theirs, year))
    elif area:
        sentences.append(_("There are no figures for {place} for {year}.").format(
            place=s.place(area, year), year=year))
    if latest != year and area:
        sentences.append(s.resting_on(_("For {year}, the latest year, there are figures for {place} only: a difference of {difference}.").format(  # noqa: E501
            year=latest, place=s.place(country, latest), difference=s.signed(own[latest])), own[latest], latest))
    change = trend(s, country, own)
    if change:
        sentences.append(change.sentence(s))
    shown = [o for p in own.values() for o in p.values()]
    return _paragraph(sentences, indicator, shown, _, higher_is_better=False)


@dataclass(frozen=True)
class Trend:
    """The difference at the start and the end of one population's years."""

    first_year: int
    last_year: int
    first: Pair
    last: Pair
    since_change: bool  # an earlier composition was left out

    def direction(self, s: Speaker) -> str:
        before, now = s.gap(self.first), s.gap(self.last)
        if before * now < 0:
            return "reversed"
        if abs(now) < abs(before):
            return "narrowed"
        if abs(now) > abs(before):
            return "widened"
        return "unchanged"

    @property
    def low_reliability(self) -> bool:
        return any(o.low_reliability for pair in (self.first, self.last) for o in pair.values())

    def sentence(self, s: Speaker) -> str:
        _ = s._
        templates = {
            "narrowed": _("From {first_year} to {last_year} the difference narrowed, from {first} to {last}."),
            "widened": _("From {first_year} to {last_year} the difference widened, from {first} to {last}."),
            "reversed": _("From {first_year} to {last_year} the difference changed sign, from {first} to {last}."),
            "unchanged": _("The difference was {first} in both {first_year} and {last_year}."),
        }
        text = templates[self.direction(s)].format(
            first_year=self.first_year, last_year=self.last_year, first=s.signed(self.first),
            last=s.signed(self.last))
        if self.since_change:
            text += " " + _("Earlier years describe a different EU composition and are not compared.")
        if self.low_reliability:
            text += " " + _("Some of these figures are of low reliability.")
        return text


def trend(s: Speaker, geo: str, pairs: dict[int, Pair]) -> Trend | None:
    years = segment_years(s.series, geo, list(pairs))
    if len(years) < 2:
        return None
    first, last = min(years), max(years)
    return Trend(first, last, pairs[first], pairs[last], since_change=len(years) < len(pairs))


def _describe_single_group(indicator: Indicator, series: Series, language: str, _: Gettext) -> str:
    area = series.eu_aggregate
    shown = series.where(geo=area, sex="T", group=series.non_eu) if area else []
    if not shown:
        return ""
    s = Speaker(indicator, series, language, _)
    last = max(shown, key=lambda o: o.year)
    sentence = _("In {year} the {indicator} of {group} in {place} was {value}.").format(
        year=last.year, indicator=s.name, group=s.who(last.year), place=s.place(area, last.year),
        value=s.value(last))
    return _paragraph([sentence], indicator, shown, _)


def higher_is_better_sentence(indicator: Indicator, _: Gettext) -> str:
    if indicator.higher_is_better is True:
        return _("For this indicator a higher value is better.")
    if indicator.higher_is_better is False:
        return _("For this indicator a lower value is better.")
    return ""


def low_reliability_note(_: Gettext) -> str:
    return _("Hollow markers and (u): low reliability (Eurostat flag u).")


def flag_sentences(shown: Sequence[Observation], _: Gettext) -> list[str]:
    """What the flags among the shown figures mean for reading them."""
    flags = {c for o in shown for c in o.flag}
    sentences = []
    if "u" in flags:
        sentences.append(_("Some figures are of low reliability (Eurostat flag u): see the table."))
    if "b" in flags:
        sentences.append(_("Some figures mark a break in series (flag b): see the table."))
    if flags & {"e", "p"}:
        sentences.append(_("Some figures are estimated or provisional (flags e, p): see the table."))
    return sentences


def _paragraph(sentences: list[str], indicator: Indicator, shown: Sequence[Observation], _: Gettext,
               higher_is_better: bool = True) -> str:
    extra = higher_is_better_sentence(indicator, _) if higher_is_better else ""
    return " ".join([*sentences, *([extra] if extra else []), *flag_sentences(shown, _)])
