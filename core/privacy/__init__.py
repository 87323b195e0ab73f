"""Personal data (GDPR), done once in core for every plugin.

Plugins declare what they hold (``register_personal_data``), export it
(``export_personal_data``), erase it (``erase_personal_data``, with ``personal_data_kept`` saying
beforehand what erasure keeps) and purge what outlived its retention (``purge_personal_data``).
Core gathers the answers: "Download my data" and "Delete my account" on the account page, the
privacy page generated from the declarations, ``parvis users export/erase`` for officials and the
daily purge (``purge_expired``; ``parvis privacy purge`` by hand).
"""

from parvis.enums import deprecated_label_maps
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import (
    DataService,
    ExportColumn,
    ExportSection,
    Kept,
    LegalBasis,
    PersonalData,
    Retention,
    export_table,
    joined,
    officials_work,
    retention_span,
    section,
)
from parvis.privacy.kept import KeptRule, kept_by
from parvis.privacy.service import (
    Erasure,
    PersonalDataExport,
    PurgeFailed,
    Service,
    declarations,
    erase,
    export,
    kept_on_erasure,
    purge_expired,
    references,
    services,
    subject_by_email,
)

# The map of labels exported before each basis carried its label (``LegalBasis.CONSENT.label``).
__getattr__ = deprecated_label_maps(__name__, LEGAL_BASIS_LABELS=LegalBasis)

__all__ = [
    "DataService",
    "Erasure",
    "ExportColumn",
    "ExportSection",
    "Kept",
    "KeptRule",
    "LegalBasis",
    "PersonalData",
    "PersonalDataExport",
    "PurgeFailed",
    "Retention",
    "Service",
    "anonymise",
    "declarations",
    "erase",
    "export",
    "export_table",
    "joined",
    "kept_by",
    "kept_on_erasure",
    "officials_work",
    "purge_expired",
    "references",
    "retention_span",
    "section",
    "services",
    "subject_by_email",
]
