"""The content model, declared once.

These declarations feed the validator (`Object.coerce`), the committed JSON
Schemas under `schemas/` (editors complete fields from them), the
translation schemas (only fields marked translatable) and the field reference
in CONTRIBUTING.md. Add a field here and everything follows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.content.fields import (
    Boolean,
    Choice,
    Context,
    Country,
    Date,
    Field,
    Integer,
    ListOf,
    Markdown,
    Object,
    OneOrMany,
    Ref,
    Text,
    Url,
    YearOrDate,
)
from generator.content.yamlfile import Map

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
INDICATOR_ID_PATTERN = r"^[a-z0-9]+(_[a-z0-9]+)*$"

THEMES = ("introduction_and_language_courses", "host_society_commitment", "active_participation")
GOVERNANCE_LEVELS = ("eu", "national", "regional", "local")
DOMAINS = ("employment", "education", "social_inclusion", "active_citizenship")
ORGANISATION_TYPES = (
    "public_authority",
    "city_network",
    "ngo",
    "social_partners",
    "international_organisation",
    "research",
    "private",
    "partnership",
)
FUNDING_SOURCES = (
    "EIF",  # European Fund for the Integration of Third-Country Nationals (2007-2013)
    "ERF",  # European Refugee Fund
    "ESF",  # European Social Fund
    "ERDF",  # European Regional Development Fund
    "AMIF",  # Asylum, Migration and Integration Fund (2014-)
    "INTI",  # INTI preparatory actions (2003-2006)
    "EU_other",
    "national",
    "regional",
    "local",
    "private",
)
ADDRESSEES = (
    "member_states",
    "commission",
    "local_and_regional_authorities",
    "eu_and_member_states",
    "all_levels",  # "Actoren op alle bestuursniveaus dienen:"
    "member_states_and_countries_of_origin",
)


@dataclass(frozen=True)
class Id(Text):
    """An identifier stable across languages: ASCII only, so two ids that look
    alike are alike (lowercase-kebab; indicators use snake_case)."""

    pattern: str = ID_PATTERN
    max_length: int = 80

    def json_schema(self):  # type: ignore[override]
        return self._schema(type="string", pattern=self.pattern, maxLength=self.max_length)

    def kind(self, ids: dict[str, list[str]]) -> str:
        joiner = "_" if self.pattern == INDICATOR_ID_PATTERN else "-"
        return f"an id: lowercase letters, digits and '{joiner}'"

    def coerce(self, node, path, ctx):  # type: ignore[override]
        value = super().coerce(node, path, ctx)
        if value is not None and not re.match(self.pattern, value):
            joiner = "_" if self.pattern == INDICATOR_ID_PATTERN else "-"
            ctx.error(node, path, f"'{value}' is not a valid id: use lowercase letters a-z, digits and '{joiner}'")
            return None
        return value


def _period_order(values: dict, node: Map, path: str, ctx: Context) -> None:
    """A period ends after it starts, starts at most a year from now and ends
    within ten years (a planned end); anything later is a typing mistake."""
    start, end = values.get("start"), values.get("end")
    where = node.entries.get("start", (node.location, node))[0]
    this_year = dt.date.today().year
    if start is not None and int(start[:4]) > this_year + 1:
        ctx.problems.error(where, f"the period starts in {start[:4]}, in the future", field=f"{path}.start")
    if start is None or end in (None, "ongoing"):
        return
    end_where = node.entries["end"][0]
    if int(end[:4]) > this_year + 10:
        ctx.problems.error(end_where, f"the period ends in {end[:4]}; more than ten years ahead", field=f"{path}.end")
    both_dates = len(start) > 4 and len(end) > 4
    if (end < start) if both_dates else (int(end[:4]) < int(start[:4])):
        ctx.problems.error(end_where, f"the period ends ({end}) before it starts ({start})", field=f"{path}.end")


def _source_fields(cited: bool = False) -> dict[str, Field]:
    """A document; a practice's sources (`cited`) need the address and publisher,
    so that anyone can check what the practice says."""
    return {
        "title": Text("Title of the document or web page", required=True, translatable=True),
        "url": Url("Web address of the source", required=cited),
        "publisher": Text("Who published it (a proper name: not translated)", required=cited),
    }


COMPONENT = Object(
    "A building block of a module",
    fields={
        "id": Id("Unique id of the component (lowercase-kebab)", required=True),
        "title": Text("Title of the building block", required=True, translatable=True),
        "relevance_and_purpose": Markdown(
            "Why the building block matters and what it aims at", required=True, translatable=True
        ),
        "target_groups": ListOf(
            "Who it is for (short labels)", item=Text("A target group"), translatable=True
        ),
        "preconditions": Markdown("What must be in place first", translatable=True),
        "implementation": ListOf(
            "Steps of implementation, in order (a checklist)",
            item=Markdown("One step"),
            translatable=True,
        ),
        "follow_up": Markdown("Monitoring, evaluation and follow-up", translatable=True),
        "costs": Markdown("Costs and funding", translatable=True),
        "sources_of_experience": ListOf(
            "Ids of practices that illustrate this building block", item=Ref("", target="practice")
        ),
        "more_information": Markdown("Further information", translatable=True),
        "actors": ListOf("Who is involved", item=Text("An actor"), translatable=True),
        "governance_levels": ListOf(
            "Levels of governance involved", item=Choice("", choices=GOVERNANCE_LEVELS)
        ),
    },
)

MODULE = Object(
    "A European module",
    fields={
        "id": Id("Unique id of the module; also the file name", required=True),
        "number": Integer("Theme number in section 3.2 of COM(2011) 455", required=True, minimum=1),
        "theme": Choice("Theme of the module", required=True, choices=THEMES),
        "title": Text("Title of the module", required=True, translatable=True),
        "summary": Markdown("Two to four sentences", required=True, translatable=True),
        "context": Markdown("Why it matters; what the communication says", translatable=True),
        "recommendations": ListOf(
            "Numbers (1-19) of the communication's recommendations",
            item=Ref("", target="recommendation"),
        ),
        "common_basic_principles": ListOf(
            "Common Basic Principles (1-11) it relates to",
            item=Integer("", minimum=1, maximum=11),
        ),
        "indicators": ListOf("Ids of related indicators", item=Ref("", target="indicator")),
        "components": ListOf("Building blocks, in order", item=COMPONENT, min_items=1),
        "further_reading": ListOf(
            "Documents to read", item=Object("A document", fields=_source_fields())
        ),
    },
)

PRACTICE = Object(
    "A practice that illustrates modules and building blocks",
    fields={
        "id": Id("Unique id of the practice; also the file name", required=True),
        "title": Text("Title of the practice", required=True, translatable=True),
        "country": OneOrMany(
            "Country code(s) where it runs (ISO 3166 / Eurostat: Greece is EL)",
            required=True,
            item=Country(""),
        ),
        "area": Text("City or region", translatable=True),
        "period": Object(
            "When it ran",
            fields={
                "start": YearOrDate("Start year or date", required=True),
                "end": YearOrDate("End year or date, or 'ongoing'", allow_ongoing=True),
            },
            checks=(_period_order,),
        ),
        "summary": Markdown("What it is, in a few sentences", required=True, translatable=True),
        "challenge": Markdown("The problem it addresses", translatable=True),
        "how_it_works": Markdown("How it works", translatable=True),
        "results": Markdown("Results", translatable=True),
        "evaluation": Markdown("Evaluation", translatable=True),
        "target_groups": ListOf("Who it is for", item=Text("A target group"), translatable=True),
        "organisation": Object(
            "Who runs it",
            fields={
                "name": Text("Name of the organisation (a proper name: not translated)", required=True),
                "type": Choice("Kind of organisation", choices=ORGANISATION_TYPES),
            },
        ),
        "level": Choice(
            "Level of governance of the organisation that runs it", choices=GOVERNANCE_LEVELS
        ),
        "funding": ListOf("Funding sources", item=Choice("", choices=FUNDING_SOURCES)),
        "modules": ListOf("Ids of modules it illustrates", item=Ref("", target="module")),
        "components": ListOf(
            "Ids of building blocks it illustrates", item=Ref("", target="component")
        ),
        "status": Choice(
            "evaluated (evidence of results) or innovative (promising, not yet evaluated)",
            required=True,
            choices=("evaluated", "innovative"),
        ),
        "sources": ListOf(
            "Where the facts come from (at least one, with its address and publisher)",
            item=Object("A source", fields=_source_fields(cited=True)),
            min_items=1,
        ),
        "updated": Date("Date the entry was last checked (YYYY-MM-DD)"),
    },
)

RECOMMENDATION = Object(
    "One of the 19 recommendations of COM(2011) 455",
    fields={
        "number": Integer("Number in the communication", required=True, minimum=1, maximum=19),
        "addressee": Choice("To whom it is addressed", required=True, choices=ADDRESSEES),
        "section": Text("Section of the communication", required=True, translatable=True),
        "text": Markdown("The recommendation as written", required=True, translatable=True),
        "modules": ListOf("Ids of modules it belongs to", item=Ref("", target="module")),
        "components": ListOf(
            "Ids of the building blocks it concerns", item=Ref("", target="component")
        ),
        "cross_cutting": Boolean(
            "true when it applies to the whole agenda (all modules) rather than to one module"
        ),
    },
)

INDICATOR = Object(
    "A common European (Zaragoza) integration indicator",
    fields={
        "id": Id("Unique id of the indicator (snake_case); also the file name", required=True,
                 pattern=INDICATOR_ID_PATTERN),
        "domain": Choice("Policy area", required=True, choices=DOMAINS),
        "title": Text("Title", required=True, translatable=True),
        "definition": Markdown("Definition", required=True, translatable=True),
        "age": Text("Age band, e.g. 20-64", required=True),
        "unit": Choice("Unit", required=True, choices=("percent", "eur", "rate_per_100")),
        "breakdown": Choice(
            "Groups compared by citizenship or by country of birth (never mixed)",
            required=True,
            choices=("citizenship", "country_of_birth"),
        ),
        "source": Text("Dataset code at its provider (leave out when none publishes it)"),
        "provider": Choice(
            "Who publishes the figures (default: eurostat)", choices=("eurostat", "oecd")
        ),
        "higher_is_better": Boolean("Whether a higher value is a better outcome", required=True),
        "series": Object(
            "The bundled figures charted for this indicator (leave out when none)",
            fields={
                "indicator": Text("Value of the 'indicator' column in data/", required=True),
                "age": Text("Eurostat age code", required=True),
                "unit": Choice("Eurostat unit code", required=True, choices=("PC", "EUR")),
                "by_sex": Boolean("Whether to chart women and men separately"),
            },
        ),
    },
)


@dataclass(frozen=True)
class ContentType:
    name: str  # singular, used in messages and schema file names
    folder: str  # under content/ (indicators live under data/)
    spec: Object
    key: str  # the identifying field


CONTENT_TYPES: tuple[ContentType, ...] = (
    ContentType("module", "modules", MODULE, "id"),
    ContentType("practice", "practices", PRACTICE, "id"),
    ContentType("recommendation", "recommendations", RECOMMENDATION, "number"),
    ContentType("indicator", "indicators", INDICATOR, "id"),
)
