"""The running sandbox: settings, clock, ids, store and one backend per provider.

``create_app`` builds one ``Runtime`` and stores it in ``app.extensions["mockserver"]``;
routes reach it through ``current_runtime()``.
"""

from flask import current_app

from mockserver.clock import Clock, SystemClock
from mockserver.ids import IdFactory
from mockserver.seedfile import SeedFileError, read_seed_file
from mockserver.settings import Settings
from mockserver.store import Store


class Runtime:
    """Owns every piece of state of one sandbox instance."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        ids: IdFactory | None = None,
        providers: list | None = None,
    ):
        from mockserver.providers import all_providers

        self.settings = settings
        self.clock = clock or SystemClock()
        self.ids = ids or IdFactory(settings.random_seed)
        self.providers = providers if providers is not None else all_providers()
        self.seed = self._validated_seed(read_seed_file(settings.seed_file))
        self.store = Store(settings.store)
        self.backends = {spec.name: spec.make_backend(self) for spec in self.providers}
        self.apply_seed()

    def backend(self, name: str):
        """The backend of one provider."""
        return self.backends[name]

    def apply_seed(self) -> None:
        """Create whatever the seed file declares that does not exist yet."""
        with self.store.transaction():
            for spec in self.providers:
                if spec.load_seed is not None:
                    spec.load_seed(self.backends[spec.name], self.seed.get(spec.seed_section, {}))

    def reset(self, random_seed: int | None = None) -> None:
        """Wipe every record, optionally reseed the id generator, and reload the seed file.

        One transaction: no request can slip in between the wipe and the reload.
        """
        with self.store.transaction():
            self.store.clear()
            self.ids.reseed(random_seed if random_seed is not None else self.settings.random_seed)
            self.apply_seed()

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def _validated_seed(self, raw: dict) -> dict:
        sections = {spec.seed_section: spec for spec in self.providers if spec.seed_section}
        unknown = sorted(set(raw) - set(sections))
        if unknown:
            raise SeedFileError(
                f"seed file {self.settings.seed_file}: unknown sections {', '.join(unknown)} "
                f"(expected {', '.join(sorted(sections))})"
            )
        seed = {}
        for name, spec in sections.items():
            seed[name] = spec.validate_seed(self.settings.seed_file, raw.get(name) or {})
        return seed


def current_runtime() -> Runtime:
    """The runtime of the app serving the current request."""
    return current_app.extensions["mockserver"]
