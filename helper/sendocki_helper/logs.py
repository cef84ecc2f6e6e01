"""Logging that never writes a token, a code, a phone number or an address in clear."""

import logging
import logging.handlers
import re
import time
from pathlib import Path

from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError

from sendocki_helper.private_files import make_private_dir

# Masks digit runs long enough to be a phone (keeps the last 2 digits) and bearer tokens.
_PHONE = re.compile(r"(?<![\w-])\+?\d[\d \u00a0.\-]{6,}(\d{2})\b")
_BEARER = re.compile(r"(?i)(bearer\s+)[\w\-.~+/]+=*")


def redact(text: str) -> str:
    text = _BEARER.sub(r"\1***", text)
    return _PHONE.sub(lambda m: "***" + m.group(1), text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


class RedactingFormatter(logging.Formatter):
    """Tracebacks and stacks are formatted after the filters ran: redact them here too (an
    exception's text may quote a header, a token or a phone)."""

    def formatException(self, ei) -> str:
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return redact(super().formatStack(stack_info))


class QuietParserErrors(logging.Filter):
    """aiohttp logs a malformed request with a traceback that quotes the offending line, which
    may hold a token or a phone. Keep one line without the payload, at most PER_MINUTE a minute."""

    PER_MINUTE = 10

    def __init__(self):
        super().__init__()
        self._window_start = 0.0
        self._count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, HttpProcessingError):
            return True
        now = time.monotonic()
        if now - self._window_start >= 60:
            self._window_start, self._count = now, 0
        self._count += 1
        if self._count > self.PER_MINUTE:
            return False
        reason = (error.message or "").split("\n", 1)[0].rstrip(": ") or type(error).__name__
        record.msg, record.args = "Malformed request refused (%s %s)", (error.code, reason)
        record.exc_info, record.exc_text, record.levelno, record.levelname = (
            None,
            None,
            30,
            "WARNING",
        )
        return True


class AccessLogger(AbstractAccessLogger):
    """Method, path without query string (it may hold a phone), status, time."""

    def log(self, request, response, time):
        self.logger.info(
            "%s %s %s %.1fms", request.method, request.path, response.status, time * 1000
        )


def setup_logging(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_dir is not None:
        make_private_dir(log_dir)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / "helper.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        )
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    logging.getLogger("aiohttp.access").setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("aiohttp.server").addFilter(QuietParserErrors())
