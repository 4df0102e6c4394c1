"""Every page of the dashboard, with who may open it: one registration per page.

Why a registry: the built-in pages plug in exactly as a new one will (the training planners'
pages of the next issue are one file in ``dashboard/views/`` plus one ``register(...)`` line
here). The entry file builds the navigation from this list for the logged-in role, the sidebar
shows the filters a page declares, and each page checks its own spec again when it runs
(:func:`dashboard.guard.enter`), so hiding a page is never the only protection.

A page's strings (its title and any of its own) live in :mod:`dashboard.i18n`, or in the page
file itself through ``i18n.add_strings`` for pages added later.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.users import ROLES

EVERYONE = frozenset(ROLES)
ANALYSTS = frozenset({"analyst", "admin"})

# The sidebar filters a page can declare, in the order they are shown.
FILTERS = ("months", "agencies", "regions", "channels", "languages", "appeal_types", "areas", "polarities")
APPEAL_FILTERS = ("months", "agencies", "regions", "channels", "languages", "appeal_types")


@dataclass(frozen=True)
class PageSpec:
    key: str                                   # url path, audit-log page name, AppTest handle
    script: str                                # file relative to dashboard/, e.g. "views/overview.py"
    title: str                                 # i18n key of the title
    icon: str                                  # material icon, e.g. ":material/dashboard:"
    roles: frozenset[str]                      # who may open it
    section: str = "section.monitoring"        # i18n key of the navigation group
    filters: tuple[str, ...] = APPEAL_FILTERS  # sidebar filters that apply to it
    default: bool = False                      # the page a login lands on
    reads_texts: bool = False                  # shows citizens' texts (then roles must be text readers)

    def __post_init__(self):
        unknown = set(self.filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"Page {self.key}: unknown filter(s) {sorted(unknown)}")
        if not self.roles <= EVERYONE:
            raise ValueError(f"Page {self.key}: unknown role(s) {sorted(self.roles - EVERYONE)}")


PAGES: list[PageSpec] = []


def register(spec: PageSpec) -> PageSpec:
    if any(p.key == spec.key for p in PAGES):
        raise ValueError(f"Two pages are registered as {spec.key!r}.")
    PAGES.append(spec)
    return spec


def pages_for(role: str) -> list[PageSpec]:
    return [p for p in PAGES if role in p.roles]


def page(key: str) -> PageSpec:
    for p in PAGES:
        if p.key == key:
            return p
    raise KeyError(key)


THEME_FILTERS = (*APPEAL_FILTERS, "areas", "polarities")

register(PageSpec("overview", "views/overview.py", "page.overview", ":material/dashboard:", EVERYONE,
                  default=True))
register(PageSpec("alerts", "views/alerts.py", "page.alerts", ":material/notifications_active:", EVERYONE,
                  filters=("agencies",)))
register(PageSpec("responsiveness", "views/responsiveness.py", "page.responsiveness", ":material/timer:",
                  EVERYONE))
register(PageSpec("themes", "views/themes.py", "page.themes", ":material/grid_view:", EVERYONE,
                  section="section.themes", filters=THEME_FILTERS))
register(PageSpec("emerging_themes", "views/emerging_themes.py", "page.emerging_themes", ":material/trending_up:",
                  EVERYONE, section="section.themes", filters=()))
register(PageSpec("search", "views/search.py", "page.search", ":material/search:", ANALYSTS,
                  section="section.themes", filters=THEME_FILTERS, reads_texts=True))
register(PageSpec("review", "views/review.py", "page.review", ":material/fact_check:", ANALYSTS,
                  section="section.themes", filters=THEME_FILTERS, reads_texts=True))
PLANNING_FILTERS = ("months", "agencies", "regions")

register(PageSpec("training_priorities", "views/training_priorities.py", "page.training_priorities",
                  ":material/school:", EVERYONE, section="section.training", filters=PLANNING_FILTERS))
register(PageSpec("training_plan", "views/training_plan.py", "page.training_plan", ":material/event_note:",
                  EVERYONE, section="section.training", filters=PLANNING_FILTERS))
register(PageSpec("survey_360", "views/survey_360.py", "page.survey_360", ":material/360:", EVERYONE,
                  section="section.training", filters=("months", "agencies")))
register(PageSpec("training_impact", "views/training_impact.py", "page.training_impact", ":material/insights:",
                  EVERYONE, section="section.training", filters=("agencies",)))
register(PageSpec("equity", "views/equity.py", "page.equity", ":material/diversity_3:", EVERYONE,
                  filters=PLANNING_FILTERS))
register(PageSpec("data_quality", "views/data_quality.py", "page.data_quality", ":material/database:",
                  frozenset({"analyst", "admin"}), section="section.admin", filters=()))
