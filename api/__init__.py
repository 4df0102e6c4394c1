"""The read-only HTTP API for other government systems: a thin reader of :mod:`insights`.

Like the dashboard it reads only the published snapshot (:mod:`warehouse.snapshot`), never the
writer's file; every number comes from an ``insights`` function; citizens' texts go only to the
text-reader roles and every text read is written to the audit log first. See docs/api.md.

| module | what it holds |
|---|---|
| :mod:`api.app` | :func:`~api.app.create_app` and the list of routers (one registration per resource) |
| :mod:`api.tokens` | API tokens: issued per user, stored as hashes beside the users file |
| :mod:`api.security` | who is calling (bearer token, lockout of bad tokens) and what their role may read |
| :mod:`api.reader` | the snapshot, with query results cached per snapshot version |
| :mod:`api.schemas` | paging, filters and the error body shared by every resource |
| :mod:`api.routes` | one file per resource: responsiveness, training, themes, texts |
"""
