"""The officials' back office for decisions, one module an area: ``drafts`` (the list, new
decisions, their text), ``steps`` (overview, workflow steps, votes), ``followup`` (the City's
response and milestones), ``reviews`` (public follow-up meetings); ``common`` holds what they share.

Every handler has a guard for its action and checks the action again on the decision itself
(``guards.check``), so a plugin's ``permission_allowed`` can narrow it per body. Handlers follow
the shared back-office pattern (``parvis.web.backoffice``): no commit, rollback or caught refusal.
"""
