"""The registry of provider slices: every provider the sandbox emulates, listed once.

Each provider is a vertical slice (routes → schemas → backend → store) implementing
``mockserver.provider_contract.Provider``; core modules never import providers, they receive
them from the runtime, which builds them from this registry.
"""

from mockserver.provider_contract import Option, Provider, all_options


def all_providers() -> list[Provider]:
    """Every provider the sandbox emulates, in the order they are mounted."""
    from mockserver.providers.pinnacle import PinnacleProvider
    from mockserver.providers.platform import PlatformProvider
    from mockserver.providers.twilio import TwilioProvider

    return [TwilioProvider(), PinnacleProvider(), PlatformProvider()]


def registered_options() -> list[Option]:
    """Every setting every registered provider declares."""
    return all_options(all_providers())
