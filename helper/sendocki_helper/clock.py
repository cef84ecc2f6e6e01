"""Time as the store keeps it: UTC, ISO 8601 with a Z, second precision for display."""

from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def now_iso() -> str:
    return iso(utcnow())


def iso_in(**delta) -> str:
    return iso(utcnow() + timedelta(**delta))


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def display(text: str) -> str:
    """As the API shows a time: 2026-11-27T10:02:03Z."""
    return text[:19] + "Z"


def parse_any(text: str) -> datetime:
    """An ISO 8601 time from elsewhere (any fraction, Z or an offset; none means UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
