"""Ideas: the public, searchable list, an idea's page, and the submission form."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Account,
    Field,
    Form,
    FromPath,
    FromQuery,
    MultipartData,
    Refused,
    _,
    lazy_gettext,
    on_refusal,
    page_number,
    photos,
    public,
    redirect,
    signed_in,
    state_of,
)
from parvis.api.content import ContentRef
from parvis.api.content_translations import translated
from parvis.api.moderation import hidden_notice, is_hidden
from parvis.plugins.budget.content import IDEA
from parvis.plugins.budget.labels import theme_choices
from parvis.plugins.budget.models import IdeaStatus, PhaseKind, Project, ProjectIdea
from parvis.plugins.budget.services.campaigns import phase_open
from parvis.plugins.budget.services.ideas import (
    IdeaFilters,
    IdeaInput,
    idea_by_public_id,
    search_ideas,
    submit_idea,
)
from parvis.plugins.budget.services.participants import is_child, submit_refusals
from parvis.plugins.budget.services.review import FAILED_LABELS
from parvis.plugins.budget.web.common import (
    Req,
    campaign_or_404,
    district_choices,
    level_choices,
    not_found,
    render,
    site_of,
)


def idea_form(request: Req) -> Form:
    site = site_of(request)
    return Form(
        Field("title", lazy_gettext("Title of your idea"), max_length=200, min_length=5),
        Field(
            "description",
            lazy_gettext("Describe your idea"),
            kind="textarea",
            max_length=5000,
            min_length=20,
            help=lazy_gettext("What would it change, for whom, and where?"),
        ),
        Field(
            "level",
            lazy_gettext("For {site.whole_city} or for {site.district:a}?"),
            kind="select",
            choices=lambda: level_choices(request),
        ),
        Field(
            "district",
            lazy_gettext("{site.district:Name} of the place"),
            kind="select",
            required=False,
            choices=lambda: district_choices(request),
            help=lazy_gettext("For a city-wide idea with a precise place."),
        ),
        Field("place", lazy_gettext("Place (street, park, school...)"), required=False, max_length=200),
        Field("theme", lazy_gettext("Theme"), kind="select", choices=lambda: theme_choices(site)),
        Field(
            "collective",
            lazy_gettext("Submitted on behalf of a collective (its name)"),
            required=False,
            max_length=200,
        ),
        Field(
            "show_family_name",
            lazy_gettext("Publish my family name with the idea"),
            kind="checkbox",
            required=False,
            help=lazy_gettext(
                "Otherwise only your given name and initial are shown. "
                "The family name of a child under 15 is never published."
            ),
        ),
        Field(
            "photo_description",
            lazy_gettext("Short description of the photo"),
            required=False,
            max_length=300,
            help=lazy_gettext("Needed with a photo, for people who cannot see it."),
        ),
    )


class IdeaController(Controller):
    path = "/budget/{slug:str}/ideas"

    @get("/", guards=[public])
    def index(
        self,
        request: Req,
        db: DB,
        slug: FromPath[str],
        *,
        q: FromQuery[str | None] = None,
        district: FromQuery[str | None] = None,
        theme: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        page = page_number(page)
        filters = IdeaFilters(q=q or "", district=district or "", theme=theme or "", status=status or "")
        per_page = site_of(request).settings("budget").ideas_per_page
        ideas, total = search_ideas(db, campaign, filters, page=page, per_page=per_page)
        return render(
            request,
            "budget/ideas.html",
            campaign=campaign,
            ideas=ideas,
            total=total,
            filters=filters,
            page_number=page,
            pages=max(1, -(-total // per_page)),
            districts=district_choices(request),
            themes=theme_choices(site_of(request)),
            statuses=IdeaStatus.choices(),
            ideas_open=phase_open(campaign, PhaseKind.IDEAS),
            title=_("Ideas of the {campaign}").format(campaign=translated(request, campaign, "title")),
        )

    @get("/new", guards=[signed_in])
    def new(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return self._form_page(request, db, campaign, idea_form(request).bind(), photo_error=None)

    def _form_page(
        self,
        request: Req,
        db: DB,
        campaign: Any,
        form: Any,
        *,
        photo_error: str | None,
        message: str | None = None,
        status_code: int = 200,
    ) -> Template:
        state = state_of(request)
        account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
        person = account.person if account else None
        site = site_of(request)
        today = site.today()
        return render(
            request,
            "budget/idea_form.html",
            campaign=campaign,
            form=form,
            photo_error=photo_error,
            message=message,
            open=phase_open(campaign, PhaseKind.IDEAS),
            refusals=submit_refusals(site, person, today),
            child=bool(person and is_child(site, person, today)),
            max_photo_mb=round(site.settings("budget").max_photo_bytes / 1_000_000, 1),
            title=_("Submit an idea"),
            status_code=status_code,
        )

    @post("/new", guards=[signed_in], status_code=303)
    def submit(self, request: Req, db: DB, slug: FromPath[str], data: MultipartData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        site = site_of(request)
        texts = {k: v for k, v in data.items() if isinstance(v, (str, list))}
        form = idea_form(request).bind(texts)
        upload = photos.read_upload(data.get("photo"), site.settings("budget").max_photo_bytes)

        def refused(refusal: Refused | None) -> Template:
            on_photo = refusal is not None and refusal.field == "photo"  # the upload is not in the form
            return self._form_page(
                request,
                db,
                campaign,
                form,
                photo_error=refusal.message if refusal and on_photo else None,
                message=refusal.message if refusal and not on_photo else None,
            )

        on_refusal(request, refused, form=form, status_code=400)
        values = form.require_valid()
        state = state_of(request)
        account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
        idea = submit_idea(
            db,
            site,
            campaign,
            account.person if account else None,
            IdeaInput(
                title=values["title"],
                description=values["description"],
                level=values["level"],
                district=values["district"],
                place=values["place"] or "",
                theme=values["theme"],
                collective=values["collective"] or "",
                show_family_name=bool(values["show_family_name"]),
            ),
        )
        if upload:
            photos.add_photo(
                db,
                site,
                ContentRef(IDEA, idea.public_id),
                upload,
                alt=values["photo_description"] or "",
                max_bytes=site.settings("budget").max_photo_bytes,
                uploaded_by_id=account.id if account else None,
                alt_field="photo_description",
            )
        if is_hidden(db, ContentRef(IDEA, idea.public_id)):
            message = _(
                "Thank you! Your idea is submitted; it will be published once a moderator approves it."
            )
        else:
            message = _("Thank you! Your idea is submitted; officials will review it.")
        return redirect(request, f"/budget/{campaign.slug}/ideas/{idea.public_id}", message)

    @get("/{public_id:str}", guards=[public])
    def detail(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        idea = idea_by_public_id(db, campaign, public_id)
        if idea is None:
            raise not_found()
        ref = ContentRef(IDEA, idea.public_id)
        # Hidden by moderation: its author and the moderators see why, everyone else a 404.
        moderation = hidden_notice(db, site_of(request), state_of(request).actor, ref)
        project = db.scalar(
            select(Project)
            .join(ProjectIdea, ProjectIdea.project_id == Project.id)
            .where(ProjectIdea.idea_id == idea.id)
        )
        return render(
            request,
            "budget/idea.html",
            campaign=campaign,
            idea=idea,
            ref=ref,
            photos=photos.photos_of(db, ref),
            moderation=moderation,
            project=project,
            failed_labels=[_(FAILED_LABELS[c]) for c in idea.failed_criteria if c in FAILED_LABELS],
            title=idea.title,
        )
