"""The audit log: who did what, when."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from db.models import AuditLog, Person


def record(
    session: AsyncSession,
    clock: Clock,
    actor: Person | None,
    action: str,
    subject_type: str,
    subject_id: int | None,
    **details: object,
) -> None:
    """Add an audit entry to the current transaction."""
    session.add(
        AuditLog(
            at=clock.now(),
            actor_id=actor.id if actor else None,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            details=dict(details),
        )
    )
