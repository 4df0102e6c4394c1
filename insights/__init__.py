"""The read side: every number a user reads, organised by what users do.

`warehouse/` stores and models the data (loads, migrations, SQL models); this package answers the
questions asked of it. Every face (the dashboard, the CLI, the API, the published site) is a thin
reader of these functions, so a number on a page has one room:

| room | what users do there |
|---|---|
| :mod:`insights.scope` | choose the period and slices (:class:`~insights.scope.Filters`) |
| :mod:`insights.responsiveness` | leadership: on-time shares against the legal deadlines, backlog, redirects |
| :mod:`insights.themes`, :mod:`insights.textgroups` | analysts: areas, evidence, groups of similar texts, search |
| :mod:`insights.training` | training planners: priorities, the plan for a budget, impact, the questionnaire |
| :mod:`insights.survey360` | 360-degree results, with anonymity kept |
| :mod:`insights.alerts` | leadership: early warning, unusual rises against a seasonal baseline, and their digest |
| :mod:`insights.topics` | analysts: emerging themes, texts grouped by meaning, and mapping a theme to an area |
| :mod:`insights.equity` | leadership: are groups of citizens served alike (within agencies, small cells hidden) |
| :mod:`insights.quality`, :mod:`insights.status` | data quality and what the warehouse holds |
| :mod:`insights.stats` | shared statistics (intervals, shrinkage, difference in differences) |
| :mod:`insights.exports` | every CSV/XLSX a user downloads, safe to open in a spreadsheet |
| :mod:`insights.open_data` | the public: `tyndau publish`, open data and a static site, small cells suppressed |

Some marts are computed by these functions at build time (training priorities, impact, text groups):
the SQL models in `warehouse/models` call them, and nothing here writes to the warehouse.
"""
