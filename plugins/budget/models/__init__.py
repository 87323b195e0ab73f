"""The budget plugin's tables (prefix ``budget_``), one module per concept.

Importing this package registers every table in the shared metadata.
"""

from parvis.plugins.budget.models.campaigns import CITY, BudgetEnvelope, Campaign, Phase, PhaseKind
from parvis.plugins.budget.models.ideas import Idea, IdeaStatus
from parvis.plugins.budget.models.paper import BallotBox, BoxKind, BoxStop, PaperCount, PaperReport
from parvis.plugins.budget.models.projects import Project, ProjectIdea, ProjectStatus, Workshop
from parvis.plugins.budget.models.results import ResultBallot, ResultProject
from parvis.plugins.budget.models.voting import Ballot, Scope, Verification, VerificationStatus, VoterRecord

__all__ = [
    "CITY",
    "Ballot",
    "BallotBox",
    "BoxKind",
    "BoxStop",
    "BudgetEnvelope",
    "Campaign",
    "Idea",
    "IdeaStatus",
    "PaperCount",
    "PaperReport",
    "Phase",
    "PhaseKind",
    "Project",
    "ProjectIdea",
    "ProjectStatus",
    "ResultBallot",
    "ResultProject",
    "Scope",
    "Verification",
    "VerificationStatus",
    "VoterRecord",
    "Workshop",
]
