"""Who this paired browser works as: the agent chosen at pairing."""

from aiohttp import web

from sendocki_helper.api.endpoints import Answer, endpoint
from sendocki_helper.api.keys import PAIRING_ID, STORE
from sendocki_helper.schemas.team import CurrentPairing, PairingAgentRequest
from sendocki_helper.services import pairing


@endpoint("GET", "/v1/pairings/current", "This browser's pairing and its agent")
async def get_current_pairing(request: web.Request) -> Answer[CurrentPairing]:
    return await request.app[STORE].run(pairing.describe_current, request[PAIRING_ID])


@endpoint(
    "PATCH",
    "/v1/pairings/current",
    "Choose the agent this browser works as (orders it creates carry that agent)",
)
async def set_pairing_agent(
    request: web.Request, body: PairingAgentRequest
) -> Answer[CurrentPairing]:
    return await request.app[STORE].run(pairing.set_agent, request[PAIRING_ID], body.agent_id)
