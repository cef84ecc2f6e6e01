"""Identity, pairing, status, workspace and the OpenAPI document."""

import json

from aiohttp import web

from sendocki_helper import API_VERSION, PRODUCT, __version__
from sendocki_helper.api.endpoints import Answer, Reply, endpoint
from sendocki_helper.api.keys import CONFIG, HELPER_ID, PAIRING_ID, STORE
from sendocki_helper.api.middleware import listening_port
from sendocki_helper.api.openapi import build_openapi
from sendocki_helper.schemas.meta import (
    PairingAnswer,
    PairingRequest,
    Ping,
    PingQuery,
    Status,
    Workspace,
)
from sendocki_helper.services import pairing, status, workspace
from sendocki_helper.services.errors import ServiceError

IDENTITY_HEADERS = {"X-Sendocki-Helper": __version__, "X-Sendocki-Api-Version": API_VERSION}


@endpoint("GET", "/v1/ping", "Identity of the helper (no auth, no side effects)", auth=False)
async def ping(request: web.Request, query: PingQuery) -> Reply[Ping]:
    helper_id = request.app[HELPER_ID]
    data: dict[str, str | None] = {
        "product": PRODUCT,
        "helper_id": helper_id,
        "version": __version__,
        "api_version": API_VERSION,
    }
    if query.pairing and query.nonce:
        # The port this helper listens on, not one the caller names: a relay cannot change it.
        data["proof"] = await request.app[STORE].run(
            pairing.identity_proof, query.pairing, query.nonce, helper_id, listening_port(request)
        )
    return Reply(data, headers=IDENTITY_HEADERS)


@endpoint(
    "POST",
    "/v1/pairings",
    "Exchange a pairing code shown by the helper for a token",
    auth=False,
    status=201,
)
async def create_pairing(request: web.Request, body: PairingRequest) -> Answer[PairingAnswer]:
    origin = request.headers.get("Origin")
    # Browsers set Origin: another extension cannot pose as ours, nor lock pairing with guesses.
    # (No Origin: a local program, which could send any Origin anyway; the code is its limit.)
    if origin is not None and origin not in request.app[CONFIG].pairing_origins:
        raise ServiceError(403, "pairing_origin_refused", "Only the Sendocki extension can pair")
    result = await request.app[STORE].run(pairing.redeem_code, body.code, body.client_name, origin)
    data = {
        "token": result.token,
        "pairing_id": result.pairing_id,
        "helper_id": request.app[HELPER_ID],
        "api_version": API_VERSION,
    }
    return data


@endpoint("GET", "/v1/status", "Mode, sync state, outbox depth, last error")
async def get_status(request: web.Request) -> Answer[Status]:
    return await request.app[STORE].run(status.describe)


@endpoint("GET", "/v1/workspace", "Currency, region, stages, payment values, agents, teams")
async def get_workspace(request: web.Request) -> Answer[Workspace]:
    return await request.app[STORE].run(workspace.describe)


@endpoint("GET", "/openapi.json", "This document")
async def get_openapi(request: web.Request) -> web.Response:
    return web.Response(text=json.dumps(build_openapi()), content_type="application/json")


@endpoint(
    "DELETE",
    "/v1/pairings/current",
    "Revoke the caller's own pairing (the extension's Unpair)",
    status=204,
)
async def revoke_own_pairing(request: web.Request) -> web.Response:
    await request.app[STORE].run(pairing.revoke, request[PAIRING_ID])
    return web.Response(status=204)
