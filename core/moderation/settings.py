"""``[settings.moderation]``: the report threshold, pre-moderated content kinds, photo limits."""

from __future__ import annotations

import msgspec


class ModerationSettings(msgspec.Struct, forbid_unknown_fields=True):
    # Content is hidden pending review once this many people reported it (0: never automatically).
    report_threshold: int = 3
    # Content kinds whose new items stay hidden until a moderator approves them
    # (["budget.idea", "neighbourhood_councils.contribution"]).
    premoderated: list[str] = msgspec.field(default_factory=list)
    # Reports one account may file in an hour (more wait for the hour to pass).
    reports_per_hour: int = 10
    # Uploaded photos: the largest file accepted, the most pixels decoded (a bigger image is
    # refused), and the longest side kept (a bigger photo is scaled down when re-encoded).
    photo_max_bytes: int = 8_000_000
    photo_max_pixels: int = 40_000_000
    photo_max_side: int = 2400
    # Resolved reports are deleted this long after their decision (personal data: the reporter).
    report_retention_days: int = 365

    def __post_init__(self) -> None:
        if self.report_threshold < 0 or self.reports_per_hour < 1:
            raise msgspec.ValidationError("report_threshold must be 0 or more, reports_per_hour 1 or more")
        if min(self.photo_max_bytes, self.photo_max_pixels, self.photo_max_side) < 1:
            raise msgspec.ValidationError("photo limits must be positive")
