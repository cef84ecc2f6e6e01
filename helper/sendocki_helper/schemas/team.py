"""This browser's pairing and the agent it works as."""

from pydantic import Field

from sendocki_helper.schemas.common import Open, Strict
from sendocki_helper.schemas.customers import PersonRef


class PairingAgentRequest(Strict):
    agent_id: str | None = Field(
        max_length=64, description="one of the workspace's active agents; null: none"
    )


class CurrentPairing(Open):
    id: str
    name: str
    agent: PersonRef | None = None  # orders this browser creates carry this agent
