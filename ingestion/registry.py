"""Finding connectors by name; importing the built-ins registers them."""

from __future__ import annotations

from ingestion.base import REGISTRY, Connector
from ingestion.mapping import load_mapping
from warehouse.errors import ConfigError


def all_connectors() -> dict[str, type[Connector]]:
    import ingestion.connectors  # noqa: F401  (registers the built-ins)

    return dict(sorted(REGISTRY.items()))


def make_connector(name: str, location: str, mapping: str | None = None, options: dict | None = None) -> Connector:
    known = all_connectors()
    if name not in known:
        raise ConfigError(f"No connector {name!r}.", hint=f"Known connectors: {', '.join(known)}.")
    return known[name](location, load_mapping(mapping) if mapping else None, options)
