"""The pipeline view: `GET /v1/pipeline` query and answer."""

from pydantic import Field

from sendocki_helper.schemas.common import Money, Open, Strict
from sendocki_helper.schemas.customers import PersonRef, StageBadge
from sendocki_helper.schemas.orders import StageIssue


class PipelineQuery(Strict):
    stage: str | None = Field(default=None, max_length=64, description="one stage's orders")
    mine: bool = Field(default=False, description="created by this browser's agent")
    since: str | None = Field(
        default=None, max_length=40, description="created at or after (the browser's midnight)"
    )
    q: str | None = Field(
        default=None, max_length=100, description="customer name, phone or order number"
    )
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(
        default=None, max_length=32, description="the `next` of the previous page"
    )


class PipelineStage(StageBadge):
    position: int
    active: bool
    automated: bool  # Sendocki sends this stage's message itself
    has_message: bool  # a message template is set
    count: int
    total: Money


class PipelineCustomer(Open):
    id: str
    name: str
    phone: str | None = None


class PipelineOrder(Open):
    id: str
    number: str
    external_number: str | None = None
    created_at: str
    stage_changed_at: str | None = None
    total: Money
    currency: str
    origin: str  # local | sendocki (made elsewhere)
    sync_state: str
    conversation: str | None = None  # the chat key, when the order is linked to a chat
    stage: StageBadge
    customer: PipelineCustomer
    created_by: PersonRef | None = None
    stage_issue: StageIssue | None = None  # a move Sendocki refused (docs/pipeline.md)


class PipelinePage(Open):
    stages: list[PipelineStage] | None = None  # counts and totals; on the first page only
    orders: list[PipelineOrder]  # newest first
    next: str | None  # pass as `cursor` for the next page
