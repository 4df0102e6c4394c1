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
    loaded = load_mapping(mapping) if mapping else None
    return known[_survey_connector(name, loaded, known)](location, loaded, options)


def _survey_connector(name: str, mapping, known: dict) -> str:
    """`file` with a wide-survey mapping (one with a [survey] table, e.g. kobo-360) means that survey
    tool's connector (the mapping's `source`): a flat mapping could not read it."""
    if name == "file" and mapping is not None and "survey" in mapping.sections and mapping.source in known:
        return mapping.source
    return name
