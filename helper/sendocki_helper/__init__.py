"""Local helper: turns a WhatsApp Web chat into a Sendocki order."""

PRODUCT = "sendocki-helper"
__version__ = "0.1.0"
API_VERSION = "1"
