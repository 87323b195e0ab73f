"""iCalendar (RFC 5545) feed of a council's public meetings, written by hand (the format needs
little): CRLF line ends, lines folded at 75 octets, text escaped, stable event ids so a calendar
application updates an event instead of duplicating it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from parvis.plugins.neighbourhood_councils.models import CouncilMeeting


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(
    meetings: Iterable[CouncilMeeting],
    *,
    name: str,
    host: str,
    base_url: str,
    now: datetime,
    url_of: Callable[[CouncilMeeting], str] | None = None,
) -> str:
    """``url_of`` gives each event's page (where residents register); else ``base_url``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Parvis//Neighbourhood councils//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for meeting in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:nbhd-meeting-{meeting.public_id}@{host}",
            f"DTSTAMP:{stamp(now)}",
            f"DTSTART:{stamp(meeting.starts_at)}",
            f"DTEND:{stamp(meeting.ends_at)}",
            f"SUMMARY:{escape(meeting.title)}",
            f"DESCRIPTION:{escape(meeting.agenda)}",
            f"LOCATION:{escape(meeting.place)}",
            f"URL:{url_of(meeting) if url_of else base_url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
