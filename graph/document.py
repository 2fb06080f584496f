"""The typed values that flow between the stages of the pipeline.

ingest -> ``Document`` (or ``Rejected``); normalize -> ``NormalizedDocument`` of ``Sentence``s;
extract -> ``Findings`` (persons, organisations, documents, observations, events, place and
date); resolve -> ``Findings`` with who-is-who merged; rdf -> quads. Every finding keeps the
sentence it was read from as ``evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "Document", "Rejected", "Sentence", "NormalizedDocument",
    "Post", "Person", "Organization", "DocumentRef", "Observation", "Event", "Merge", "Findings",
]


@dataclass(frozen=True)
class Document:
    """One article as read from a file: raw text and what the source says about it."""

    id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    date: str | None = None  # a page or feed date: never supplies a year to a day and month
    line: int | None = None  # the line of a JSON Lines file


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read; the CLI prints one line per rejection."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article body, or a headline, caption or byline line."""

    index: int
    text: str
    paragraph: int
    kind: str = "body"  # "headline" | "body" | "caption" | "byline"


@dataclass(frozen=True)
class NormalizedDocument:
    doc: Document
    sentences: tuple[Sentence, ...]
    text: str  # the normalised article text (NFC, furniture out, duplicate paragraphs out)
    stamp_date: str | None = None  # a leading " date YYYY-MM" stamp or a page date
    prefix: str | None = None  # a newspaper dateline prefix ("LSO", "GLO")
    content_hash: str = ""
    page_date: str | None = None  # a printed page date: never the event's date

    def body(self):
        return [s for s in self.sentences if s.kind in ("body", "headline")]


@dataclass(frozen=True)
class Post:
    role: str  # canonical role, e.g. "Phó Bí thư"
    org: str  # canonical organisation name, e.g. "Tỉnh ủy"
    org_type: str = "StateAgency"
    evidence: str = ""
    province: str | None = None  # the body's province when the text names another one


@dataclass
class Person:
    name: str
    posts: list[Post] = field(default_factory=list)
    evidence: str = ""
    mentions: list[str] = field(default_factory=list)  # surface forms merged into this person
    byline: bool = False


@dataclass(frozen=True)
class Organization:
    name: str
    type: str  # PartyCommittee | PartyBoard | StateAgency | Delegation | OtherOrganization
    evidence: str = ""
    national: bool = False  # a body of the whole country: belongs to no province
    province: str | None = None  # written with the body and not the article's ("Sở Công Thương tỉnh Hưng Yên")


@dataclass(frozen=True)
class DocumentRef:
    type: str  # Resolution | ActionProgramme | Programme | Directive | Plan | Decision | Conclusion
    number: str | None
    name: str | None
    date: str | None = None
    issuer: str | None = None
    implements: str | None = None  # the number or name of the implemented document
    evidence: str = ""
    national: bool = False

    @property
    def key(self) -> str:
        return self.number or self.name or ""


@dataclass(frozen=True)
class Observation:
    metric: str
    measure: str
    value: Decimal
    unit: str
    period: str | None
    basis: str | None
    target: bool
    label: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Event:
    type: str  # Inspection | Supervision | WorkingSession | Conference
    date: str | None
    lead: str | None = None
    organizer: str | None = None
    host: str | None = None
    about: tuple[str, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class Merge:
    """A mention resolved to a person: recorded in the graph for who-is-who provenance."""

    surface: str
    name: str
    rule: str  # "exact" | "title-only" | "fuzzy-name"


@dataclass
class Findings:
    """Everything extracted from one article; each extractor fills its part."""

    province: str | None = None
    date: str | None = None
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    notes: dict = field(default_factory=dict)  # scratch space shared by extractors
