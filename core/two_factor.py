"""Two-factor authentication: time-based codes (TOTP, RFC 6238) and single-use recovery codes.

Any account may turn it on from its account page: the site shows a QR code (and the secret as
text) for an authenticator app, the person confirms with a first code, and receives ten recovery
codes, shown once and kept hashed. From then on, sign-in asks a code after the password
(``parvis.sign_in``). ``[security] two_factor_for_staff`` makes it mandatory for officials and
administrators.

pyotp computes the codes (the reference Python implementation of RFC 4226/6238, small and
dependency-free) and segno draws the QR code as SVG on the server (pure Python, no image
library, maintained), so the page needs no script and no outside service. A code is accepted
once: the time step it belongs to is remembered, so a code seen over someone's shoulder cannot
be replayed within its 30 seconds. The secret itself must be readable to check codes, so it is
stored as is, like every TOTP server does; recovery codes are stored as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import pyotp
import segno
from markupsafe import Markup
from sqlalchemy import ForeignKey, Integer, String, delete, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.db import Base, rows_affected, utcnow
from parvis.i18n import _
from parvis.identity import Account
from parvis.refusals import Invalid, Refused

if TYPE_CHECKING:
    from parvis.site import Site

RECOVERY_CODES = 10
# No 0/o, 1/l/i: codes are copied by hand from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
STEP_SECONDS = 30


class TwoFactor(Base):
    """An account's authenticator secret; ``confirmed_at`` is set once a first code proved it."""

    __tablename__ = "core_two_factor"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("core_account.id", ondelete="CASCADE"), primary_key=True
    )
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    # The last time step whose code was accepted: a code works once.
    last_step: Mapped[int] = mapped_column(Integer, default=0)


class RecoveryCode(Base):
    __tablename__ = "core_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


def has_two_factor(db: Session, account: Account) -> bool:
    return (
        db.scalar(
            select(TwoFactor.account_id).where(
                TwoFactor.account_id == account.id, TwoFactor.confirmed_at.is_not(None)
            )
        )
        is not None
    )


def enrolment(db: Session, site: Site, account: Account) -> TwoFactor:
    """The secret being set up (a new one the first time); refused if two-factor is already on."""
    row = db.get(TwoFactor, account.id)
    if row is not None and row.confirmed_at is not None:
        raise Refused(_("Two-factor authentication is already on."))
    if row is None:
        row = TwoFactor(account_id=account.id, secret=pyotp.random_base32(32), created_at=site.now())
        db.add(row)
        db.flush()
    return row


def provisioning_uri(site: Site, account: Account, secret: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=site.config.site.city)


def qr_svg(uri: str, title: str) -> Markup:
    """The QR code of ``uri`` as inline SVG (dark on white, so it scans in dark mode too)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=title, svgclass="qr"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno escapes the title


def formatted_secret(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _step(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _accept_totp(db: Session, row: TwoFactor, code: str, now: datetime) -> bool:
    """Whether ``code`` is the app's code for now (or the step before or after, for clocks that
    drift), and not one already used; the step is claimed atomically (two requests, one wins)."""
    totp = pyotp.TOTP(row.secret)
    current = _step(now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            claimed = db.execute(
                update(TwoFactor)
                .where(TwoFactor.account_id == row.account_id, TwoFactor.last_step < step)
                .values(last_step=step)
                .execution_options(synchronize_session=False)
            )
            return bool(rows_affected(claimed))
    return False


def _recovery_hash(account: Account, code: str) -> str:
    return hashlib.sha256(f"{account.id}:{code}".encode()).hexdigest()


def new_recovery_codes(db: Session, account: Account) -> list[str]:
    """Ten fresh recovery codes (the previous ones stop working); shown once, kept hashed."""
    db.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    codes = []
    for _i in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _j in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
        db.add(RecoveryCode(account_id=account.id, code_hash=_recovery_hash(account, raw)))
    return codes


def recovery_codes_left(db: Session, account: Account) -> int:
    return int(
        db.scalar(
            select(func.count()).where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def confirm(db: Session, site: Site, account: Account, code: str) -> list[str]:
    """Turn two-factor on with a first code from the app; returns the recovery codes to show."""
    row = enrolment(db, site, account)
    if not _accept_totp(db, row, _normalise(code), site.now()):
        raise Invalid(
            _("This code is not right. Check the time on your phone and try the newest code."), field="code"
        )
    row.confirmed_at = site.now()
    return new_recovery_codes(db, account)


def check_code(db: Session, site: Site, account: Account, code: str) -> str | None:
    """``"app"`` if ``code`` is the app's current code, ``"recovery"`` if it is one of the unused
    recovery codes (now used up), else None."""
    row = db.get(TwoFactor, account.id)
    if row is None or row.confirmed_at is None:
        return None
    normalised = _normalise(code)
    if re.fullmatch(r"\d{6}", normalised):
        return "app" if _accept_totp(db, row, normalised, site.now()) else None
    if not re.fullmatch(f"[{RECOVERY_ALPHABET}]{{12}}", normalised):
        return None
    used = db.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.account_id == account.id,
            RecoveryCode.code_hash == _recovery_hash(account, normalised),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=site.now())
        .execution_options(synchronize_session=False)
    )
    return "recovery" if rows_affected(used) else None


def turn_off(db: Session, account: Account) -> None:
    db.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    db.execute(delete(TwoFactor).where(TwoFactor.account_id == account.id))


__all__ = [
    "RecoveryCode",
    "TwoFactor",
    "check_code",
    "confirm",
    "enrolment",
    "formatted_secret",
    "has_two_factor",
    "new_recovery_codes",
    "provisioning_uri",
    "qr_svg",
    "recovery_codes_left",
    "turn_off",
]
