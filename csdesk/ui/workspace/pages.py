"""The workspace pages, in navigation order: (key, class). Keys are remembered between
sessions (the last page a CSM looked at)."""

from __future__ import annotations

from csdesk.ui.workspace.charter_page import CharterPage
from csdesk.ui.workspace.checklists_page import ChecklistsPage
from csdesk.ui.workspace.details_page import DetailsPage
from csdesk.ui.workspace.expansion_page import ExpansionPage
from csdesk.ui.workspace.health_page import HealthPage
from csdesk.ui.workspace.history_page import HistoryPage
from csdesk.ui.workspace.implementation_page import ImplementationPage
from csdesk.ui.workspace.overview_page import OverviewPage
from csdesk.ui.workspace.page import WorkspacePage
from csdesk.ui.workspace.qbr_page import QbrPage
from csdesk.ui.workspace.readiness_page import ReadinessPage
from csdesk.ui.workspace.risks_page import RisksPage


def page_classes() -> list[tuple[str, type[WorkspacePage]]]:
    return [
        ("overview", OverviewPage),
        ("health", HealthPage),
        ("readiness", ReadinessPage),
        ("checklists", ChecklistsPage),
        ("implementation", ImplementationPage),
        ("risks", RisksPage),
        ("expansion", ExpansionPage),
        ("qbr", QbrPage),
        ("charter", CharterPage),
        ("details", DetailsPage),
        ("history", HistoryPage),
    ]
