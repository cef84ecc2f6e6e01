"""Phone normalisation: every writing sellers and WhatsApp produce, and LIDs refused by name."""

import pytest

from sendocki_helper.services.phones import NOT_A_PHONE, PhoneError, normalise

FATIMA = "+212661234567"


@pytest.mark.parametrize(
    "written",
    [
        "06 61 23 45 67",
        "0661.23.45.67",
        "+212 661-234567",
        "00212661234567",
        "212661234567",
        "06\u00a061\u00a023\u00a045\u00a067",  # NBSP from a copy-paste
        "\u202a+212 6 61 23 45 67\u202c",  # WhatsApp's bidi embedding
        "\u200e+212 661 23 45 67\u200f",
        "212661234567@c.us",
    ],
)
def test_moroccan_writings_give_one_e164(written):
    assert normalise(written, "MA") == FATIMA


@pytest.mark.parametrize(
    "written, e164",
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+221 77 123 45 67", "+221771234567"),
        ("+34 612 34 56 78", "+34612345678"),
        ("0033612345678", "+33612345678"),
    ],
)
def test_other_countries_written_with_their_code(written, e164):
    assert normalise(written, "MA") == e164


def test_the_workspace_region_reads_national_numbers():
    assert normalise("06 12 34 56 78", "FR") == "+33612345678"


@pytest.mark.parametrize(
    "lid", ["123456789012345@lid", "187364529876123", "\u202a187364529876123\u202c"]
)
def test_a_lid_is_named_as_not_a_phone_number(lid):
    with pytest.raises(PhoneError) as error:
        normalise(lid, "MA")
    assert error.value.message == NOT_A_PHONE
    assert "not a phone number" in error.value.message


@pytest.mark.parametrize("bad", ["0612", "abc", "06 61 23 45 67 89 12", "+999 123"])
def test_invalid_numbers_are_refused(bad):
    with pytest.raises(PhoneError) as error:
        normalise(bad, "MA")
    assert error.value.message == "is not a valid phone number"


def test_empty_is_required():
    with pytest.raises(PhoneError, match="is required"):
        normalise(" \u202a\u202c ", "MA")
