"""Built-in connectors. Each module defines one registered class; importing them here is
the one registration a new connector needs (besides its ``@register`` decorator)."""

from ingestion.connectors import files  # noqa: F401
from ingestion.connectors import spb_portal  # noqa: F401
from ingestion.connectors import uk_csps  # noqa: F401
from ingestion.connectors import open311  # noqa: F401
from ingestion.connectors import rest_json  # noqa: F401
from ingestion.connectors import surveys  # noqa: F401
