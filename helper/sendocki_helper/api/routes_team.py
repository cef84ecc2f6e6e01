"""Who this paired browser works as: the agent chosen at pairing."""

from aiohttp import web

from sendocki_helper.api.body import answer, parse_body
from sendocki_helper.api.endpoints import endpoint
from sendocki_helper.api.keys import PAIRING_ID, STORE
from sendocki_helper.schemas.team import CurrentPairing, PairingAgentRequest
from sendocki_helper.services import pairing


@endpoint(
    "GET", "/v1/pairings/current", "This browser's pairing and its agent", response=CurrentPairing
)
async def get_current_pairing(request: web.Request) -> web.Response:
    result = await request.app[STORE].run(pairing.describe_current, request[PAIRING_ID])
    return answer(CurrentPairing, result)


@endpoint(
    "PATCH",
    "/v1/pairings/current",
    "Choose the agent this browser works as (orders it creates carry that agent)",
    body=PairingAgentRequest,
    response=CurrentPairing,
)
async def set_pairing_agent(request: web.Request) -> web.Response:
    body = await parse_body(request, PairingAgentRequest)
    result = await request.app[STORE].run(pairing.set_agent, request[PAIRING_ID], body.agent_id)
    return answer(CurrentPairing, result)
