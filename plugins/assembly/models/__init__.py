"""The assembly plugin's tables (all prefixed ``assembly_``), one module per concept."""

from parvis.plugins.assembly.models.draws import (
    AssemblyDraw,
    AssemblySeat,
    DrawKind,
    DrawStatus,
)
from parvis.plugins.assembly.models.life import (
    AssemblyGroupMember,
    AssemblyPlenaryItem,
    AssemblyProfile,
    AssemblyTopic,
    AssemblyTopicPoll,
    AssemblyTopicVote,
    PollStatus,
    TopicSource,
)
from parvis.plugins.assembly.models.pay import AssemblyPaymentBatch, AssemblyPaymentLine, AssemblyRate
from parvis.plugins.assembly.models.privacy import AssemblyAggregate
from parvis.plugins.assembly.models.promotions import AssemblyPromotion
from parvis.plugins.assembly.models.recruitment import (
    AssemblyApplication,
    AssemblyImport,
    AssemblyInvitee,
    AssemblyResponse,
)
from parvis.plugins.assembly.models.trainings import (
    AssemblyEnrolment,
    AssemblyTraining,
    AssemblyTrainingSession,
)

__all__ = [
    "AssemblyAggregate",
    "AssemblyApplication",
    "AssemblyDraw",
    "AssemblyEnrolment",
    "AssemblyGroupMember",
    "AssemblyImport",
    "AssemblyInvitee",
    "AssemblyPaymentBatch",
    "AssemblyPaymentLine",
    "AssemblyPlenaryItem",
    "AssemblyProfile",
    "AssemblyPromotion",
    "AssemblyRate",
    "AssemblyResponse",
    "AssemblySeat",
    "AssemblyTopic",
    "AssemblyTopicPoll",
    "AssemblyTopicVote",
    "AssemblyTraining",
    "AssemblyTrainingSession",
    "DrawKind",
    "DrawStatus",
    "PollStatus",
    "TopicSource",
]
