"""Types shared by the API's models."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

# Money on the wire: a string with two places ("149.00"); Decimal in Python.
Money = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json")]


class Strict(BaseModel):
    """Request models refuse unknown fields, so a typo is an error and not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Open(BaseModel):
    """Answer models: documented fields; services may pass more internally."""

    model_config = ConfigDict(extra="ignore")
