"""Malformed and deeply nested requests: a clear 400, nothing secret in the log, no traceback."""

import logging
import socket

from sendocki_helper.logs import RedactingFilter, RedactingFormatter
from tests.support import http

TOKEN = "Zx9SECRETtokenVALUE0123456789abcdefABCDEF"
PHONE = "0661234567"


def raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def helper_logs(proc) -> str:
    return proc.output.read_text() + "".join(
        p.read_text() for p in (proc.data_dir / "logs").glob("*.log")
    )


def test_malformed_requests_leave_no_token_phone_or_traceback_in_the_log(helper_process):
    proc = helper_process()
    proc.start()
    host = f"Host: 127.0.0.1:{proc.port}\r\n".encode()
    auth = f"Authorization: Bearer {TOKEN}".encode()
    for request in (
        b"GET /v1/status HTTP/1.1\r\n" + host + auth + b"\x01\r\n\r\n",
        b"GET /v1/customers/resolve?phone="
        + PHONE.encode()
        + b"\x00 HTTP/1.1\r\n"
        + host
        + b"\r\n",
        b"GET /v1/status HTTP/1.1\r\n"
        + host
        + auth
        + b"\r\nX-Phone: "
        + PHONE.encode()
        + b"\x7f\r\n\r\n",
    ):
        assert raw_request(proc.port, request).startswith(b"HTTP/1.")
    proc.stop()
    logs = helper_logs(proc)
    assert "Malformed request refused (400" in logs
    assert TOKEN not in logs and TOKEN[:12] not in logs
    assert PHONE not in logs
    assert "Traceback" not in logs


def test_json_nested_a_thousand_levels_is_a_400_problem_even_before_pairing(helper_process):
    proc = helper_process()
    proc.start()
    nested = "[" * 1000 + "]" * 1000
    for path in ("/v1/pairings", "/v1/orders"):
        body = nested.encode()
        answer = raw_request(
            proc.port,
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{proc.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n".encode()
            + body,
        )
        head, _, payload = answer.partition(b"\r\n\r\n")
        if path == "/v1/pairings":
            assert head.startswith(b"HTTP/1.1 400"), head
            assert b"application/problem+json" in head
            assert b'"json_too_deep"' in payload
        else:  # without a token the orders route answers 401 before reading anything
            assert head.startswith(b"HTTP/1.1 401"), head
    code = proc.pairing_code()
    status, paired = http(
        "POST", proc.base_url + "/v1/pairings", {"code": code, "client_name": "C"}
    )
    status, problem = http(
        "POST",
        proc.base_url + "/v1/orders",
        {"customer": {"phone": PHONE}, "lines": [{"a": {"b": {"c": nested}}}], "x": [[[[]]]] * 3},
        headers={"Authorization": f"Bearer {paired['token']}", "Idempotency-Key": "k1"},
    )
    assert status == 422  # a long string is not nesting: the model refuses it by field
    deep = {"customer": {"phone": PHONE}}
    for _ in range(40):
        deep = {"d": deep}
    status, problem = http(
        "POST",
        proc.base_url + "/v1/orders",
        deep,
        headers={"Authorization": f"Bearer {paired['token']}", "Idempotency-Key": "k2"},
    )
    assert status == 400 and problem["code"] == "json_too_deep", problem
    proc.stop()
    assert "Traceback" not in helper_logs(proc)


def test_exception_text_is_redacted_like_messages(tmp_path):
    path = tmp_path / "x.log"
    handler = logging.FileHandler(path)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(message)s"))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError(f"bad header Authorization: Bearer {TOKEN} for {PHONE}")
        except ValueError:
            logger.exception("failed for +212 661 23 45 67")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = path.read_text()
    assert "Traceback" in text and "ValueError" in text
    assert TOKEN not in text and PHONE not in text and "661 23 45" not in text
    assert text[:4].isdigit() and "-" in text[:10], "the timestamp is left alone"
