"""Reference data every warehouse holds: regions (KATO), status groups and the competency areas."""

from __future__ import annotations

from importlib import resources

import duckdb

from warehouse.db import transaction
from warehouse.taxonomy import areas


def load_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    regions = resources.files("warehouse.reference") / "regions.csv"
    with transaction(con):
        con.execute("delete from ref_regions")
        con.execute("insert into ref_regions select * from read_csv(?, header = true, all_varchar = true)",
                    [str(regions)])
        con.execute("delete from ref_status_map")
        con.execute("insert into ref_status_map select * from read_csv(?, header = true, all_varchar = true)",
                    [str(resources.files("warehouse.reference") / "status_map.csv")])
        con.execute("delete from ref_competency_areas")
        con.executemany(
            "insert into ref_competency_areas values (?, ?, ?, ?, ?, ?)",
            [(a.id, a.position, a.name["en"], a.name["ru"], a.name["kk"], a.definition.get("en")) for a in areas()],
        )
