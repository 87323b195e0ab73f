"""The Assembly's pages: public, members' and back office controllers."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from .admin_life import LifeAdminController
    from .admin_pay import PayAdminController
    from .admin_promotions import PromotionAdminController
    from .admin_recruitment import RecruitmentAdminController
    from .members import MemberController, MonitoringController
    from .public import AssemblyPublicController
    from .recruitment import ApplicationController, QuestionnaireController

    return [
        AssemblyPublicController,
        QuestionnaireController,
        ApplicationController,
        MemberController,
        MonitoringController,
        PromotionAdminController,
        RecruitmentAdminController,
        LifeAdminController,
        PayAdminController,
    ]
