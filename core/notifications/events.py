"""The events a notification can tell, and their sentences in the reader's language.

A notification stores its event's name and, for a state change, the message id of the new
state's label: both are translated when shown or mailed, in the reader's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.i18n import N_, _, gettext

if TYPE_CHECKING:
    from parvis.notifications.models import Notification

STATUS_CHANGED = "status_changed"  # a workflow move (decision, idea, project, mission)
FOLLOWUP_CHANGED = "followup_changed"  # the follow-up status of a decision
COMMENT = "comment"  # a new comment on a followed object
REPLY = "reply"  # a reply to the reader's comment
OFFICIAL_ANSWER = "official_answer"  # an official answer on a followed object
CALL_OPENED = "call_opened"  # a call for applications opening in the reader's district
CALL_FOR_YOU = "call_for_you"  # a call for applications the reader may answer (a council's)
NOTICE = "notice"  # a plugin's own notice (``detail``: its message id)
CHANGED = "changed"  # anything else a plugin tells

SENTENCES = {
    STATUS_CHANGED: N_("“{title}” is now at the step: {detail}"),
    FOLLOWUP_CHANGED: N_("The follow-up of “{title}” is now: {detail}"),
    COMMENT: N_("{actor} commented on “{title}”"),
    REPLY: N_("{actor} replied to your comment on “{title}”"),
    OFFICIAL_ANSWER: N_("An official answer was given on “{title}”"),
    CALL_OPENED: N_("A call for applications is open in your {site.district}: “{title}”"),
    CALL_FOR_YOU: N_("A call for applications you may answer is open: “{title}”"),
    NOTICE: N_("“{title}”: {detail}"),
    CHANGED: N_("“{title}” has changed"),
}


def sentence(notification: Notification) -> str:
    """What happened, in the current language."""
    message = SENTENCES.get(notification.event, SENTENCES[CHANGED])
    detail = gettext(notification.detail) if notification.detail else ""
    if notification.event in (STATUS_CHANGED, FOLLOWUP_CHANGED, NOTICE) and not detail:
        message = SENTENCES[CHANGED]
    return _(message).format(
        title=notification.title, detail=detail, actor=notification.actor_name or _("Someone")
    )
