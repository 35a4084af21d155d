"""Calendar files (RFC 5545) for "Add to calendar": one stable UID per meeting."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from db.models import Meeting, MeetingStatus

PRODUCT_ID = "-//Shura//Coordination meetings//EN"


def uid(meeting: Meeting, domain: str) -> str:
    """The same UID on every file of a meeting, so calendars update the entry, not add one."""
    return f"meeting-{meeting.id}@{domain}"


def meeting_ics(meeting: Meeting, *, length: timedelta, now: datetime, domain: str) -> bytes:
    """A calendar file for the meeting in its own time zone, with a VTIMEZONE block."""
    import icalendar  # when a file is first asked for: it is slow to import, and seldom needed

    zone = ZoneInfo(meeting.timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid(meeting, domain))
    # SEQUENCE grows with every change, so a re-imported file replaces the old entry.
    event.add("sequence", meeting.revision)
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", (meeting.starts_at + length).astimezone(zone))
    event.add("summary", meeting.title)
    event.add("location", meeting.venue)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    content: bytes = calendar.to_ical()
    return content
