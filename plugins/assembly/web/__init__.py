"""The Assembly's pages: public, members' and back office controllers."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from .admin_college import CollegeAdminController
    from .admin_draws import DrawsAdminController
    from .admin_groups import AssemblyGroupsAdminController
    from .admin_pay import PayAdminController
    from .admin_plenaries import PlenariesAdminController
    from .admin_privacy import PrivacyAdminController
    from .admin_promotions import PromotionAdminController
    from .admin_seats import SeatsAdminController
    from .admin_sensitivity import SensitivityAdminController
    from .admin_trainings import TrainingsAdminController
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
        CollegeAdminController,
        DrawsAdminController,
        SensitivityAdminController,
        PrivacyAdminController,
        SeatsAdminController,
        AssemblyGroupsAdminController,
        PlenariesAdminController,
        TrainingsAdminController,
        PayAdminController,
    ]
