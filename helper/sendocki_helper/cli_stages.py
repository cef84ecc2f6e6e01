"""`sendocki-helper stages ...`: the pipeline's stages and their message templates.

A stage is named by its number in `stages list`, its name or its id. A running helper sees an
edit at once (it reads the stages from the database for every order).
"""

from pathlib import Path

from sendocki_helper.cli_workspace import CommandError, existing_data_dir
from sendocki_helper.services.default_stages_text import LANGUAGES

TEMPLATE_PREVIEW = 60


def register(sub, common) -> None:
    stages = sub.add_parser(
        "stages",
        parents=[common],
        help="list and edit the pipeline's stages and their message templates",
        description="Without an action: the list. Placeholders in a message: "
        "{{name}} {{first_name}} {{order_number}} {{total}} {{items}} {{stage}} "
        "{{address}} {{city}}.",
    )
    stages.set_defaults(run=cmd_list)
    actions = stages.add_subparsers(dest="action", metavar="ACTION")

    listing = actions.add_parser("list", parents=[common], help="every stage, in order")
    listing.set_defaults(run=cmd_list)

    show = actions.add_parser("show", parents=[common], help="one stage and its whole message")
    show.add_argument("stage", metavar="STAGE", help="number, name or id")
    show.set_defaults(run=cmd_show)

    template = actions.add_parser(
        "template",
        parents=[common],
        help="set the message a new order on this stage offers to send",
    )
    template.add_argument("stage", metavar="STAGE", help="number, name or id")
    given = template.add_mutually_exclusive_group(required=True)
    given.add_argument("text", nargs="?", metavar="TEXT", help="the message, with placeholders")
    given.add_argument("--file", metavar="FILE", help="read the message from a UTF-8 text file")
    given.add_argument("--clear", action="store_true", help="no message for this stage")
    template.set_defaults(run=cmd_template)

    rename = actions.add_parser("rename", parents=[common], help="give a stage another name")
    rename.add_argument("stage", metavar="STAGE")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(run=cmd_rename)

    add = actions.add_parser("add", parents=[common], help="a new stage (at the end by default)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--state", help="Sendocki's standard state it stands for (e.g. confirmed)")
    add.add_argument("--color", default="gray")
    add.add_argument("--after", metavar="STAGE", help="place it right after this stage")
    add.set_defaults(run=cmd_add)

    for name, active, text in (
        ("disable", False, "new orders can no longer use it (orders on it stay)"),
        ("enable", True, "new orders can use it again"),
    ):
        toggle = actions.add_parser(name, parents=[common], help=text)
        toggle.add_argument("stage", metavar="STAGE")
        toggle.set_defaults(run=cmd_toggle, active=active)

    reset = actions.add_parser(
        "reset",
        parents=[common],
        help="replace the stages by the default ones (orders follow by state)",
    )
    reset.add_argument("--language", choices=LANGUAGES, help="default: the system's language")
    reset.set_defaults(run=cmd_reset)


def _in_workspace(args, fn, *fn_args):
    """Runs fn on the workspace's database and turns a refusal into the seller's message."""
    from sendocki_helper.config import HelperConfig
    from sendocki_helper.services import default_stages
    from sendocki_helper.services.stages import StageEditError
    from sendocki_helper.store.db import open_database

    database = open_database(HelperConfig(data_dir=existing_data_dir(args)).database_path)
    try:
        default_stages.ensure_default()
        return fn(*fn_args)
    except StageEditError as error:
        raise CommandError(str(error), 1) from None
    finally:
        database.close()


def cmd_list(args) -> int:
    from sendocki_helper.services.stages import list_stages

    for view in _in_workspace(args, list_stages):
        flags = "" if view.active else "  (disabled)"
        state = view.state or "-"
        message = _preview(view.template) if view.template else "no message"
        orders = f"{view.orders} order" + ("" if view.orders == 1 else "s")
        print(f"{view.position:>2}  {view.name:<24} {state:<17} {orders:<10} {message}{flags}")
    return 0


def _preview(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= TEMPLATE_PREVIEW else one_line[: TEMPLATE_PREVIEW - 1] + "…"


def cmd_show(args) -> int:
    from sendocki_helper.services.stages import find

    stage = _in_workspace(args, find, args.stage)
    print(
        f"{stage.position}. {stage.name}  (id {stage.id}, state {stage.state or 'none'}, "
        f"{'active' if stage.active else 'disabled'})"
    )
    print(stage.message_template or "No message for this stage.")
    return 0


def cmd_template(args) -> int:
    from sendocki_helper.services.stages import set_template

    text = None if args.clear else args.text
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        text = path.read_text(encoding="utf-8-sig")
    stage = _in_workspace(args, set_template, args.stage, text)
    print(f"{stage.name}: " + ("message saved." if stage.message_template else "no message now."))
    return 0


def cmd_rename(args) -> int:
    from sendocki_helper.services.stages import rename

    stage = _in_workspace(args, rename, args.stage, args.name)
    print(f"Stage {stage.position} is now called {stage.name}.")
    return 0


def cmd_add(args) -> int:
    from sendocki_helper.services.stages import add

    stage = _in_workspace(args, add, args.name, args.state, args.color, args.after)
    print(f"Added stage {stage.position}: {stage.name}.")
    return 0


def cmd_toggle(args) -> int:
    from sendocki_helper.services.stages import set_active

    stage = _in_workspace(args, set_active, args.stage, args.active)
    print(f"{stage.name} is {'active' if stage.active else 'disabled'}.")
    return 0


def cmd_reset(args) -> int:
    from sendocki_helper.services import default_stages, stages

    def reset() -> int:
        stages.editable()
        return default_stages.reset_default(args.language or default_stages.seller_language())

    moved = _in_workspace(args, reset)
    moved_text = "1 order" if moved == 1 else f"{moved} orders"
    print(f"The default stages are back; {moved_text} moved to their new stage.")
    return 0
