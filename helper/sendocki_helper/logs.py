"""Logging that never writes a token, a code, a phone number or an address in clear."""

import logging
import logging.handlers
import re
from pathlib import Path

from aiohttp.abc import AbstractAccessLogger

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


class AccessLogger(AbstractAccessLogger):
    """Method, path without query string (it may hold a phone), status, time."""

    def log(self, request, response, time):
        self.logger.info(
            "%s %s %s %.1fms", request.method, request.path, response.status, time * 1000
        )


def setup_logging(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
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
