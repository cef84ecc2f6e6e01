"""Identity, pairing, status and workspace models."""

from pydantic import Field

from sendocki_helper.schemas.common import Open, Strict


class Ping(Open):
    product: str
    helper_id: str
    version: str
    api_version: str
    # HMAC-SHA256(HKDF(token), nonce, helper_id, listening port), hex (services/ping_proof.py):
    # proves this helper, on the port dialled, knows the pairing's token before the extension
    # sends it (only when pairing and nonce are asked).
    proof: str | None = None


class PingQuery(Strict):
    pairing: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    nonce: str | None = Field(default=None, pattern=r"^[0-9a-f]{16,64}$")


class PairingRequest(Strict):
    code: str = Field(min_length=6, max_length=12, pattern=r"^\s*\d+\s*$")
    client_name: str = Field(min_length=1, max_length=120)


class PairingAnswer(Open):
    token: str
    pairing_id: str
    helper_id: str
    api_version: str


class SyncStatus(Open):
    connected: bool
    api_url: str | None = None
    api_reachable: bool | None = None
    last_pull_at: str | None = None
    oldest_pending_age_seconds: float | None = None
    last_error: str | None = None
    workspace: str | None = None
    paused: str | None = None  # "auth": the API key was refused, reconnect the account
    outbox_depth: int | None = None
    needs_attention: int | None = None
    last_error_at: str | None = None


class Status(Open):
    mode: str  # standalone | connected
    outbox_depth: int
    needs_attention: int
    last_error: str | None = None
    sync: SyncStatus


class StageOut(Open):
    id: str
    name: str
    color: str
    position: int
    state: str | None
    active: bool
    has_automation: bool  # a message template is set
    automated: bool = False  # Sendocki sends this stage's message itself: prepare none


class NamedRef(Open):
    id: str
    name: str


class Workspace(Open):
    demo: bool = False  # the demo workspace, not connected to a Sendocki account
    currency: str
    default_region: str
    default_stage_id: str | None
    stages: list[StageOut]
    payment_methods: list[str]
    payment_statuses: list[str]
    agents: list[NamedRef]
    teams: list[NamedRef]
