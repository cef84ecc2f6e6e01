"""`POST /v1/sync/pull`: what a pull asked for brought."""

from sendocki_helper.schemas.common import Open


class PullAnswer(Open):
    counts: dict[str, int]  # entries each feed brought
    last_pull_at: str
