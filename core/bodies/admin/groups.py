"""Back office: a body's groups and workshops."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.bodies import services
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body, Group
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.backoffice import Resource
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import page
from parvis.web.types import DB, FormData, FromPath

from .common import PATH, AnyRequest, base, body_or_404, edit_page, manages_bodies, owned
from .forms import group_form

GROUPS = Resource("core.group", audited={"delete"})


def groups_page(request: AnyRequest, body: Body, form: BoundForm, refusal: Refused | None = None) -> Template:
    return page(
        request,
        "bodies/admin/groups.html",
        body=body,
        kind=kind_of(state_of(request).site, body.kind),
        section="groups",
        form=form,
        refusal=refusal,
        title=_("Groups and workshops — {body}").format(body=body.name),
    )


def group_page(
    request: AnyRequest, body: Body, group: Group, form: BoundForm, refusal: Refused | None = None
) -> Template:
    heading = _("Edit the group {name}").format(name=group.name)
    return edit_page(request, body, "groups", f"/groups/{group.id}", form, heading=heading, refusal=refusal)


def group_values(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": v["name"],
        "kind": v["kind"],
        "description": v.get("description") or "",
        "open_to_all_members": bool(v.get("open_to_all_members")),
    }


class GroupsAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/{slug:str}/groups")
    def groups(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = body_or_404(request, db, slug)
        return groups_page(request, body, group_form(kind_of(state_of(request).site, body.kind)).bind())

    @post("/{slug:str}/groups", status_code=303)
    def add_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = group_form(kind_of(site, body.kind)).bind(data)
        v = GROUPS.submit(request, form, lambda refusal: groups_page(request, body, form, refusal))
        group = GROUPS.save(db, lambda: services.add_group(db, site, body, **group_values(v)))
        message = _("The group {name} is added.").format(name=group.name)
        return GROUPS.done(request, "add", f"{base(body)}/groups", message, target=group)

    @get("/{slug:str}/groups/{item_id:int}")
    def edit_group_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body, group = owned(request, db, slug, Group, item_id)
        form = group_form(kind_of(state_of(request).site, body.kind)).bind(
            initial={
                "name": group.name,
                "kind": group.kind,
                "description": group.description,
                "open_to_all_members": group.open_to_all_members,
            }
        )
        return group_page(request, body, group, form)

    @post("/{slug:str}/groups/{item_id:int}", status_code=303)
    def update_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body, group = owned(request, db, slug, Group, item_id)
        site = state_of(request).site
        form = group_form(kind_of(site, body.kind)).bind(data)
        v = GROUPS.submit(request, form, lambda refusal: group_page(request, body, group, form, refusal))
        GROUPS.save(db, lambda: services.update_group(db, site, group, **group_values(v)))
        return GROUPS.done(request, "update", f"{base(body)}/groups", target=group)

    @post("/{slug:str}/groups/{item_id:int}/delete", status_code=303)
    def delete_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body, group = owned(request, db, slug, Group, item_id)
        delete = lambda: services.delete_group(db, group)  # noqa: E731
        return GROUPS.delete(request, db, delete, f"{base(body)}/groups", target=group, body=slug)
