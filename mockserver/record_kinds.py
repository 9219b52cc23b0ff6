"""Record kinds, declared once: the fields and statuses of every kind of record a provider keeps.

A provider declares each kind (a Twilio verification, a Pinnacle campaign…) as a
``RecordKind`` of ``Field``s; its request schemas, new-record defaults, response shapes and
what ``GET /_mock/kinds`` lists are derived from that one declaration::

    VERIFICATION = RecordKind(
        provider="twilio", name="verification", title="Toll-free verification",
        id_field="sid", tenant_field="account_sid", lifecycle=LIFECYCLE,
        fields=(
            Field("sid", editable=False),
            Field("business_name", required=True, editable=True, checks=(MaxLength(500),)),
            Field("url", computed=True),
            ...
        ),
    )
    VERIFICATION.editable()          # the names a client may set on create and update
    VERIFICATION.new_record(values)  # every stored field, defaults where values say nothing

Checks (``MaxLength``, ``OneOf``, ``Format``) are plain data: each provider's schemas turn
them into validators that word errors the way that provider's API does.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockserver.document_fields import ABSENT
from mockserver.lifecycle import Lifecycle

TYPES = ("string", "integer", "number", "boolean", "list", "object", "datetime")
SCALARS = tuple(each for each in TYPES if each != "list")  # what a field may be shown as


@dataclass(frozen=True)
class MaxLength:
    """At most ``limit`` characters; ``label`` names the field in the error if not its own."""

    limit: int
    label: str | None = None


@dataclass(frozen=True)
class OneOf:
    """One of ``choices``; ``list_allowed``: the error lists them (as some APIs' do)."""

    choices: tuple[str, ...]
    label: str | None = None
    list_allowed: bool = False


@dataclass(frozen=True)
class Format:
    """A named format (``url``, ``email``, ``phone``, ``country``, ``alphanumeric``);
    ``message`` replaces the provider's usual wording when the API words it differently."""

    name: str
    label: str | None = None
    message: str | None = None


Check = MaxLength | OneOf | Format


@dataclass(frozen=True)
class Field:
    """One field of a record kind.

    ``editable``: a client sets it on create and on update; ``create_only`` / ``update_only``:
    on one of them. ``required``: a create without it fails. ``computed``: shown in responses
    but never stored (a URL built from the id). ``output``: its name in responses (default its
    own; ``hidden`` keeps it out of them). ``default``: its value in a new record (``ABSENT``:
    a new record leaves it out until the client sets it, so an unset field and one set to
    null stay different, as some APIs show them). ``shown_as``: the type responses show it
    as, when not its own (a count the 2010 API renders as a string).
    """

    name: str
    type: str = "string"
    item: str | None = None
    required: bool = False
    editable: bool = False
    create_only: bool = False
    update_only: bool = False
    computed: bool = False
    hidden: bool = False
    output: str = ""
    default: Any = None
    checks: tuple[Check, ...] = ()
    item_checks: tuple[Check, ...] = ()
    # Kept inside the record's ``within`` field (a sub-document such as a phone number's
    # ``config``) rather than at its top level; the provider fills that sub-document.
    within: str | None = None
    doc: str = ""
    shown_as: str | None = None

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if self.shown_as is not None and (self.shown_as not in SCALARS or self.type == "list"):
            raise ValueError(f"field {self.name}: cannot be shown as {self.shown_as!r}")
        if self.computed and (self.editable or self.create_only or self.update_only):
            raise ValueError(f"field {self.name}: a computed field cannot be set by a client")

    @property
    def output_name(self) -> str | None:
        """Its name in responses, or None when responses leave it out."""
        return None if self.hidden else (self.output or self.name)

    @property
    def has_default(self) -> bool:
        """Whether a new record gets a value of its own for it (not None, not ``ABSENT``)."""
        return self.default is not None and self.default is not ABSENT

    @property
    def on_create(self) -> bool:
        """Whether a client may give it when creating a record."""
        return self.editable or self.create_only

    @property
    def on_update(self) -> bool:
        """Whether a client may give it when updating a record."""
        return self.editable or self.update_only


@dataclass(frozen=True)
class RecordKind:
    """One kind of record of one provider: its fields in response order, and its statuses."""

    provider: str
    name: str
    title: str
    id_field: str
    tenant_field: str
    fields: tuple[Field, ...]
    status_field: str | None = "status"
    lifecycle: Lifecycle | None = None
    # Statuses of a kind without a review lifecycle (a message's delivery states…).
    extra_statuses: tuple[str, ...] = ()
    # What a person's rejection may carry (``Verdict`` fields: codes, edit_allowed, reason).
    verdict_fields: tuple[str, ...] = ()
    # The scenario a new record runs when nothing selects one (None: the sandbox's default).
    default_scenario: str | None = None
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    # The views below, worked out once: requests and new records read them on every call.
    _views: dict[str, tuple | frozenset] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        by_name = {f.name: f for f in self.fields}
        if len(by_name) != len(self.fields):
            raise ValueError(f"{self.key}: a field is declared twice")
        for name in (self.id_field, self.tenant_field, self.status_field):
            if name is not None and name not in by_name:
                raise ValueError(f"{self.key}: {name} is not a declared field")
        object.__setattr__(self, "_by_name", by_name)
        fields = self.fields
        views = {
            "create": tuple(f for f in fields if f.on_create),
            "update": tuple(f for f in fields if f.on_update),
            "editable": tuple(f.name for f in fields if f.editable),
            "required": tuple(f.name for f in fields if f.required),
            "stored": tuple(f for f in fields if not f.computed and f.within is None),
            "shown": tuple(f for f in fields if f.output_name is not None),
        }
        views["stored_names"] = frozenset(f.name for f in views["stored"])
        object.__setattr__(self, "_views", views)

    @property
    def key(self) -> str:
        """``provider.name``, unique across the sandbox."""
        return f"{self.provider}.{self.name}"

    def field(self, name: str) -> Field:
        """The declared field ``name`` (KeyError if none)."""
        return self._by_name[name]

    def statuses(self) -> tuple[str, ...]:
        """Every status a record of this kind can have, the initial one first."""
        base = tuple(self.lifecycle.statuses()) if self.lifecycle else ()
        return base + tuple(s for s in self.extra_statuses if s not in base)

    def actions(self) -> tuple[str, ...]:
        """The review actions its lifecycle knows (what a person may do to such a record)."""
        if self.lifecycle is None:
            return ()
        return tuple(dict.fromkeys(action.value for _, action in self.lifecycle.moves))

    def create_fields(self) -> tuple[Field, ...]:
        """What a client may give on create, in declaration order."""
        return self._views["create"]

    def update_fields(self) -> tuple[Field, ...]:
        """What a client may give on update, in declaration order."""
        return self._views["update"]

    def editable(self) -> tuple[str, ...]:
        """Names a client may set both on create and on update."""
        return self._views["editable"]

    def required(self) -> tuple[str, ...]:
        """Names a create must give."""
        return self._views["required"]

    def stored(self) -> tuple[Field, ...]:
        """Fields a stored record holds at its top level (not the computed ones, nor those
        kept within a sub-document)."""
        return self._views["stored"]

    def shown(self) -> tuple[Field, ...]:
        """Fields a response shows, in order."""
        return self._views["shown"]

    def new_record(self, values: Mapping[str, Any], **system: Any) -> dict:
        """A new stored record: each field's default, what the client gave for the fields it
        may create with, then ``system`` values (ids, status, times) the provider sets."""
        stored = self._views["stored"]
        # By name: ``Field in tuple`` would compare whole dataclasses, 115 of them a create.
        unknown = [name for name in system if name not in self._views["stored_names"]]
        if unknown:
            raise ValueError(f"{self.key}: undeclared fields {', '.join(sorted(unknown))}")
        record = {f.name: _fresh(f.default) for f in stored if f.default is not ABSENT}
        given = (f for f in self._views["create"] if f.within is None and f.name in values)
        record.update({f.name: values[f.name] for f in given})
        record.update(system)
        return record

    def describe(self) -> dict:
        """The kind as ``GET /_mock/kinds`` lists it."""
        return {
            "provider": self.provider,
            "kind": self.name,
            "title": self.title,
            "id_field": self.id_field,
            "tenant_field": self.tenant_field,
            "status_field": self.status_field,
            "statuses": list(self.statuses()),
            "actions": list(self.actions()),
            "verdict_fields": list(self.verdict_fields),
            "default_scenario": self.default_scenario,
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    "output": f.output_name,
                    "required": f.required,
                    "create": f.on_create,
                    "update": f.on_update,
                    **({"within": f.within} if f.within else {}),
                    **({"shown_as": f.shown_as} if f.shown_as else {}),
                    **({"doc": f.doc} if f.doc else {}),
                }
                for f in self.fields
            ],
        }


def _fresh(default: Any) -> Any:
    """A default a record may mutate without changing the declaration's."""
    if isinstance(default, list | dict):
        return type(default)(default)
    return default
