"""Message ids of the built-in workflows' labels, so that extraction finds them in ``workflows.toml``.

A test checks that every label of the TOML file is listed here.
"""

from parvis.i18n import N_

WORKFLOW_LABELS = (
    N_("Submitted to {site.council:the}"),
    N_("Draft"),
    N_("Validated in plenary"),
    N_("Adopted by {site.council:the}"),
    N_("Rejected by {site.council:the}"),
    N_("Withdrawn"),
    N_("Being implemented"),
    N_("Implemented"),
    N_("Abandoned"),
    N_("Record the plenary validation"),
    N_("Submit to {site.council:the}"),
    N_("Record the adoption by the Council"),
    N_("Record the rejection by the Council"),
    N_("Withdraw"),
    N_("Start the implementation"),
    N_("Mark as implemented"),
    N_("Mark as abandoned"),
    N_("Sent to the City for an answer"),
    N_("Sent to the City"),
    N_("Follow-up closed"),
    N_("Send to the City"),
    N_("Close the follow-up"),
)
