"""Phone numbers as sellers and WhatsApp write them, normalised to E.164 with libphonenumber.

WhatsApp wraps numbers in bidi marks and sellers paste NBSPs; both are dropped before parsing.
A WhatsApp LID (`...@lid`, or a long run of digits that is no number) is an internal id, never a
phone: saying so explicitly keeps the agent from trying to "fix" it.
"""

import functools

import phonenumbers

from sendocki_helper.services.errors import FieldError

# Invisible characters WhatsApp Web and copy-paste put around numbers.
_INVISIBLE = {
    ord(c): None for c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
}
_SPACES = {ord(c): " " for c in "\u00a0\u202f\u2007\u2009"}
CHAT_SUFFIXES = ("@c.us", "@s.whatsapp.net")
LID_SUFFIX = "@lid"
LID_MIN_DIGITS = 15  # E.164 allows at most 15 digits; WhatsApp LIDs are about that long

NOT_A_PHONE = "is a WhatsApp LID (an internal id), not a phone number"


class PhoneError(ValueError):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code

    def field(self, path: str) -> FieldError:
        return FieldError(field=path, message=self.message, code=self.code)


def clean(raw: str) -> str:
    return raw.translate(_INVISIBLE).translate(_SPACES).strip()


@functools.lru_cache(maxsize=4096)
def normalise(raw: str, region: str) -> str:
    """E.164 (`+212661234567`) for a valid number, else PhoneError with a message for the agent.

    Cached: the same chat's number is parsed on every resolve and order (a PhoneError is not
    cached, it is raised again)."""
    text = clean(raw or "")
    if not text:
        raise PhoneError("is required", "required")
    lowered = text.lower()
    if lowered.endswith(LID_SUFFIX):
        raise PhoneError(NOT_A_PHONE, "phone_is_lid")
    for suffix in CHAT_SUFFIXES:
        if lowered.endswith(suffix):
            # A chat key carries the number in international form, without the plus.
            text = "+" + text[: -len(suffix)]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if text.isdigit() and len(text) >= LID_MIN_DIGITS:
        raise PhoneError(NOT_A_PHONE, "phone_is_lid")
    raise PhoneError("is not a valid phone number", "phone_invalid")


def national(e164: str | None, region: str) -> str | None:
    """`+212661234567` -> `06 61 23 45 67` for a number of the workspace's country; a foreign
    number keeps its international form (an agent dials it that way)."""
    if not e164:
        return None
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def chat_key_number(chat_key: str) -> str | None:
    """`212661234567@c.us` -> `+212661234567`; a LID or group key has no number."""
    for suffix in CHAT_SUFFIXES:
        if chat_key.lower().endswith(suffix):
            return "+" + chat_key[: -len(suffix)]
    return None
