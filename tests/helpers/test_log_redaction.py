from sendocki_helper.logs import redact


def test_phone_numbers_keep_only_their_last_digits():
    for phone in ("+212661234567", "06 61 23 45 67", "00212661234567", "0661.23.45.67"):
        masked = redact(f"resolving {phone} now")
        assert phone not in masked
        assert masked.endswith("67 now")


def test_bearer_tokens_are_masked():
    assert "abc.DEF-123" not in redact("Authorization: Bearer abc.DEF-123")


def test_plain_text_is_kept():
    assert redact("GET /v1/status 200 1.2ms") == "GET /v1/status 200 1.2ms"
