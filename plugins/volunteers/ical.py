"""iCalendar (RFC 5545) files, written by hand: the format needs little and a dependency less.

Lines end with CRLF and are folded at 75 octets; text values escape backslash, semicolon, comma
and newlines. Event ids are stable (``mission-<public id>-slot-<slot id>@<host>``) so a calendar
application updates an event instead of duplicating it when the feed is fetched again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE (waiting list) or CANCELLED
    latitude: float | None = None
    longitude: float | None = None
    updated_at: datetime | None = None


def event_uid(mission_public_id: str, slot_id: int, host: str) -> str:
    return f"mission-{mission_public_id}-slot-{slot_id}@{host}"


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces (never inside a UTF-8 character)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces: list[str] = []
    current = b""
    limit = 75
    for char in line:
        size = len(char.encode("utf-8"))
        if len(current) + size > limit:
            pieces.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += char.encode("utf-8")
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[Event], name: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Parvis//Volunteers//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_stamp(event.updated_at or now)}",
            f"DTSTART:{_stamp(event.starts_at)}",
            f"DTEND:{_stamp(event.ends_at)}",
            f"SUMMARY:{escape(event.summary)}",
            f"STATUS:{event.status}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.latitude is not None and event.longitude is not None:
            lines.append(f"GEO:{event.latitude:.6f};{event.longitude:.6f}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
