"""The running sandbox: settings, clock, ids, store, engine, outbox and provider backends.

``create_app`` builds one ``Runtime`` and stores it in ``app.extensions["mockserver"]``;
routes reach it through ``current_runtime()``. ``tick()`` is the heartbeat: the scheduler
calls it in real time (``start()``, only from ``mockserver serve``) and ``advance()`` calls it
after moving the clock, so tests never wait.
"""

import functools
import logging
import threading
from datetime import datetime
from pathlib import Path

from flask import current_app

from mockserver.announce import Announcer
from mockserver.clock import Clock, SystemClock, format_iso
from mockserver.engine import Engine
from mockserver.errors import NotFound
from mockserver.history import TransitionHistory
from mockserver.ids import IdFactory
from mockserver.journal import RequestJournal
from mockserver.live import LiveFeed
from mockserver.outbox import Outbox
from mockserver.provider_contract import BackendContext, Provider, all_options
from mockserver.scenarios import ScenarioBook, ScenarioError, bundled_directory
from mockserver.scheduler import Scheduler
from mockserver.seedfile import SeedFileError, read_seed_file, validate_section
from mockserver.settings import DEFAULT_SCENARIO, Settings
from mockserver.store import Store
from mockserver.webhooks import FlushReport, Sender

META, CLOCK_KEY = "_meta", "clock"
log = logging.getLogger(__name__)


class Runtime:
    """Owns every piece of state of one sandbox instance."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
        providers: list[Provider] | None = None,
    ):
        from mockserver.providers import all_providers

        self.settings = settings
        self.clock = clock or SystemClock()
        self.ids = ids or IdFactory(settings.random_seed)
        self.providers = providers if providers is not None else all_providers()
        # Longest first: the first prefix a path starts with is the longest that matches.
        self._path_owners = sorted(
            ((prefix, p) for p in self.providers for prefix in p.path_prefixes if prefix),
            key=lambda owner: -len(owner[0]),
        )
        self.seed = self._validated_seed(read_seed_file(settings.seed_file))
        directories = [bundled_directory()]
        if settings.scenarios_dir:
            directories.append(Path(settings.scenarios_dir))
        self.scenarios = ScenarioBook.from_directories(
            directories, settings.scenario or DEFAULT_SCENARIO, explicit=bool(settings.scenario)
        )
        _check_kind_scenarios(self.scenarios, self.providers)
        self.store = Store(settings.store, fsync=settings.fsync)
        self.outbox = Outbox(self.store, self.ids, Sender(settings.webhook_timeout))
        self.engine = Engine(self.store, self.scenarios, self.outbox)
        _check_options(settings, self.providers)
        self.live = LiveFeed()
        self.history = TransitionHistory()
        secret = [p.name for p in self.providers if p.secret_tenants]
        self.announce = Announcer(self.live, secret, self.history)
        context = BackendContext(
            settings,
            self.store,
            self.clock,
            self.ids,
            hooks=self.engine,
            announce=self.announce.publish,
        )
        self.backends = {
            provider.name: provider.make_backend(context) for provider in self.providers
        }
        for provider in self.providers:
            backend = self.backends[provider.name]
            self.engine.register(provider.name, backend)
            self.outbox.register_router(provider.name, backend.deliveries_for)
            if provider.signs_each_attempt:
                self.outbox.register_signer(
                    provider.name, functools.partial(provider.sign_delivery, backend)
                )
        self.outbox.on_attempt = self._announce_attempt
        self.journal = RequestJournal()
        self._tick_lock = threading.RLock()
        # Advances settling now: their reports and where their stretches of time began.
        self._advances: dict[int, tuple[FlushReport, datetime]] = {}
        self.scheduler: Scheduler | None = None
        self._restore_clock()
        if self._count_start() == 1:
            # Only a new store is seeded: a restart keeps what the run did (a deleted seed
            # record stays deleted); a reset reloads the seed file.
            self.apply_seed()

    def _announce_attempt(self, delivery_id: str) -> None:
        if not self.live.watching:  # read back only for someone watching
            return
        try:
            self.announce.attempt(self.outbox.get(delivery_id))
        except NotFound:
            pass  # cleared meanwhile
        except Exception:  # watching must never break a delivery
            log.exception("cannot announce webhook %s", delivery_id)

    def backend(self, name: str):
        """The backend of one provider."""
        return self.backends[name]

    def tick(self, *, wait: bool = False) -> dict:
        """Apply every due transition, then send every due webhook.

        ``wait=True`` returns once the sends this tick started are done. Sends happen outside
        the tick lock, so a webhook handler may call the control API (and tick) itself.
        """
        with self._tick_lock:
            now = self.clock.now()
            transitions = self.engine.tick(now)
        self.announce.transitions(transitions)
        deliveries = self.outbox.flush(now, wait=wait)
        return _summary(now, transitions, deliveries)

    def background_tick(self) -> dict:
        """The scheduler's tick: sends run on the outbox's threads, so a slow endpoint never
        holds up the next tick. It keeps running while advances settle; what it sends then
        counts in their summaries, stamped from the earliest start of their stretches."""
        with self._tick_lock:
            now = self.clock.now()
            transitions = self.engine.tick(now)
            settling = list(self._advances.values())
        self.announce.transitions(transitions)
        report = FlushReport(forward=tuple(r for r, _ in settling)) if settling else None
        since = min((start for _, start in settling), default=None)
        deliveries = self.outbox.flush(now, since=since, wait=False, report=report)
        return _summary(now, transitions, deliveries)

    def force(
        self,
        record_id: str,
        *,
        status: str | None = None,
        action: str | None = None,
        codes: tuple[int, ...] = (),
        edit_allowed: bool | None = None,
    ) -> dict:
        """Move a record to ``status`` (or through ``action``) now, then send its webhooks:
        what ``POST /_mock/records/{id}/transition`` and the dashboard's buttons do."""
        forced = self.engine.force(
            record_id,
            at=self.clock.now(),
            status=status,
            action=action,
            codes=codes,
            edit_allowed=edit_allowed,
        )
        self.announce.transitions(forced)
        summary = self.tick(wait=True)
        return {
            "record_id": record_id,
            "provider": forced[-1]["provider"],
            "status": forced[-1]["to"],
            "transitions": forced + summary["transitions"],
            "deliveries": summary["deliveries"],
        }

    def advance(self, seconds: float) -> dict:
        """Move the clock forward and settle: return after everything due has happened."""
        report = FlushReport()
        with self._tick_lock:
            # Taken before anything falls due: sends under way now are not this advance's.
            earlier = self.outbox.in_flight()
            before = self.clock.now()
            self.clock.advance(seconds)
            self._save_clock()
            now = self.clock.now()
            transitions = self.engine.tick(now)
            self._advances[id(report)] = (report, before)
        self.announce.transitions(transitions)
        try:
            deliveries = self.outbox.settle(now, since=before, report=report, earlier=earlier)
        finally:
            with self._tick_lock:
                del self._advances[id(report)]
        summary = _summary(now, transitions, deliveries)
        self.announce.clock_moved(seconds, summary)
        return summary

    def start(self) -> None:
        """Start ticking in real time (``mockserver serve`` only)."""
        if self.scheduler is None:
            self.scheduler = Scheduler(self.background_tick, self.settings.tick_seconds)
            self.scheduler.start()

    def apply_seed(self) -> None:
        """Create whatever the seed file declares that does not exist yet."""
        with self.store.transaction():
            for provider in self.providers:
                if provider.seed_section is not None:
                    section = self.seed.get(provider.seed_section, {})
                    provider.load_seed(self.backends[provider.name], section)

    def reset(self, random_seed: int | None = None) -> None:
        """Wipe every record, optionally reseed the id generator, and reload the seed file.

        One transaction: no request can slip in between the wipe and the reload. The clock
        keeps its time (it never runs backwards).
        """
        with self._tick_lock, self.store.transaction():
            starts = self.store.get(META, "starts")
            self.store.clear()
            self._save_clock()
            if starts is not None:
                self.store.put(META, "starts", starts)
            self.ids.reseed(random_seed if random_seed is not None else self.settings.random_seed)
            self.apply_seed()
            self.engine.rebuild()
        self.journal.clear()
        self.history.clear()

    def tenant_fields(self) -> list[str]:
        """The ``POST /_mock/reset`` body keys that name one provider's tenant."""
        return sorted({p.tenant_field for p in self.providers if p.tenant_field})

    def reset_tenant(self, field: str, tenant: str) -> dict[str, list[str]]:
        """Reset one tenant: delete what it owns in every provider whose tenants ``field``
        names, with its webhooks and journal entries, then reload the seed file (so a
        seeded tenant comes back as the seed declares it). Returns the tenant ids cleared
        per provider; other tenants are untouched.
        """
        cleared: dict[str, list[str]] = {}
        with self._tick_lock, self.store.transaction():
            for provider in self.providers:
                if provider.tenant_field != field:
                    continue
                cleared[provider.name] = self.backends[provider.name].reset_tenant(tenant)
                self.outbox.forget(provider.name, cleared[provider.name])
            self.apply_seed()
            self.engine.rebuild()
        for provider, tenants in cleared.items():
            self.journal.forget(provider, {tenant, *tenants})
            self.history.forget({tenant, *tenants})
        return cleared

    def close(self) -> None:
        """End the live streams, stop the scheduler and release the outbox and the store."""
        self.live.close()
        for backend in self.backends.values():
            close = getattr(backend, "close", None)  # a backend with connections of its own
            if callable(close):
                close()
        if self.scheduler is not None:
            self.scheduler.shutdown()
            self.scheduler = None
        self.outbox.close()
        self.store.close()

    def _count_start(self) -> int:
        """Count this start and return the count. A fixed random seed replays the same ids;
        on a store that already holds a run, continue from a sequence of its own so event and
        delivery ids never repeat. A count that is not a number belongs to a store that has
        run: this start counts as a restart, with ids from an unpredictable sequence."""
        stored = self.store.get(META, "starts")
        try:
            starts = int(stored["count"]) + 1 if stored is not None else 1
            if stored is not None and starts < 2:
                raise ValueError("a stored count below 1")
        except (KeyError, TypeError, ValueError, OverflowError):
            log.warning(
                "stored start count %.80r is not a number: counted as a restart",
                (stored or {}).get("count"),
            )
            self.store.put(META, "starts", {"count": 2})
            self.ids.reseed(None)
            return 2
        self.store.put(META, "starts", {"count": starts})
        if starts > 1 and self.settings.random_seed is not None:
            self.ids.reseed(f"{self.settings.random_seed}:{starts}")
        return starts

    def _save_clock(self) -> None:
        self.store.put(META, CLOCK_KEY, self.clock.state())

    def _restore_clock(self) -> None:
        state = self.store.get(META, CLOCK_KEY)
        if state is not None:
            self.clock.restore(state)

    def _validated_seed(self, raw: dict) -> dict:
        sections = {p.seed_section: p for p in self.providers if p.seed_section}
        unknown = sorted(set(raw) - set(sections))
        if unknown:
            raise SeedFileError(
                f"seed file {self.settings.seed_file}: unknown sections {', '.join(unknown)} "
                f"(expected {', '.join(sorted(sections))})"
            )
        return {
            name: validate_section(
                provider.seed_schema(), self.settings.seed_file, name, raw.get(name) or {}
            )
            for name, provider in sections.items()
        }


def _check_options(settings: Settings, providers: list[Provider]) -> None:
    """ValueError for a provider option no registered provider declares."""
    declared = {option.key for option in all_options(providers)}
    unknown = sorted(set(settings.options) - declared)
    if unknown:
        raise ValueError(
            f"unknown provider settings {', '.join(unknown)} "
            f"(declared: {', '.join(sorted(declared)) or 'none'})"
        )


def _check_kind_scenarios(book: ScenarioBook, providers: list[Provider]) -> None:
    """ScenarioError unless every kind that moves runs a scenario of its story: a kind's
    default of the other story, or a ``--scenario`` of the other story with no kind default
    to fall back on, is refused at start rather than at the first create."""
    for provider in providers:
        for kind in provider.record_kinds:
            if kind.lifecycle is None:
                continue
            story, named = kind.lifecycle.story, kind.default_scenario
            if named in book.names() and book.story_of(named) != story:
                raise ScenarioError(
                    f"{kind.provider} {kind.name}: its default scenario {named!r} tells a "
                    f"{book.story_of(named)} story, not a {story} one"
                )
            try:
                book.default_for(named, story)
            except ScenarioError as exc:
                raise ScenarioError(f"{kind.provider} {kind.name}: {exc.message}") from None


def _summary(now, transitions: list[dict], deliveries) -> dict:
    """What a tick or an advance did."""
    return {"now": format_iso(now), "transitions": transitions, "deliveries": deliveries.as_dict()}


def current_runtime() -> Runtime:
    """The runtime of the app serving the current request."""
    return current_app.extensions["mockserver"]


def provider_for_path(runtime: Runtime, path: str) -> Provider | None:
    """The provider whose longest path prefix matches ``path``, or None."""
    for prefix, provider in runtime._path_owners:
        if path.startswith(prefix):
            return provider
    return None
