"""Reading a PDF back in tests (pypdf): is it tagged and declared PDF/UA, in which language, with
which title and text. ``read_pdf(content)`` for a report's bytes; ``flat`` to compare texts whose
lines the PDF broke elsewhere."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ReadPdf:
    tagged: bool  # /MarkInfo /Marked true and a /StructTreeRoot in the catalog
    declares_pdf_ua: bool  # its XMP metadata says pdfuaid:part="1"
    language: str | None  # the catalog's /Lang
    title: str | None  # the document information's /Title
    xmp: str  # the XMP metadata packet
    text: str  # every page's extracted text
    pages: int


def read_pdf(content: bytes) -> ReadPdf:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog: Any = reader.trailer["/Root"]
    mark_info = catalog.get("/MarkInfo")
    metadata = catalog.get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata is not None else ""
    language = catalog.get("/Lang")
    return ReadPdf(
        tagged=bool(mark_info and mark_info.get_object().get("/Marked")) and "/StructTreeRoot" in catalog,
        declares_pdf_ua=bool(re.search(r"""pdfuaid:part(="|>)1\b""", xmp)),
        language=str(language) if language is not None else None,
        title=reader.metadata.title if reader.metadata else None,
        xmp=xmp,
        text="\n".join(page.extract_text() or "" for page in reader.pages),
        pages=len(reader.pages),
    )


def flat(text: str) -> str:
    """The text without its spaces and line breaks (including no-break ones): PDF text extraction
    breaks lines where the page did and may drop or add spaces around them."""
    return re.sub(r"\s+", "", text.replace("\u202f", " ").replace("\u00a0", " "))
