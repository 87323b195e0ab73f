"""The Assembly's pages: public, members' and back office controllers."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from .admin_life import LifeAdminController
    from .admin_pay import PayAdminController
    from .admin_promotions import PromotionAdminController
    from .admin_recruitment import RecruitmentAdminController
    from .member_directory import MemberDirectoryController
    from .member_groups import MemberGroupsController
    from .member_life import MemberLifeController, MonitoringController
    from .my_space import MySpaceController
    from .public import AssemblyPublicController
    from .recruitment import ApplicationController, QuestionnaireController

    return [
        AssemblyPublicController,
        QuestionnaireController,
        ApplicationController,
        MySpaceController,
        MemberDirectoryController,
        MemberGroupsController,
        MemberLifeController,
        MonitoringController,
        PromotionAdminController,
        RecruitmentAdminController,
        LifeAdminController,
        PayAdminController,
    ]
