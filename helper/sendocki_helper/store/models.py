"""peewee models mirroring the latest migration (the SQL in migrations/ is the source of truth).

Models are bound to a database at runtime by `store.db.open_database`.
"""

import peewee

from sendocki_helper.store.fields import BoolField, JSONTextField, MoneyField

database_proxy = peewee.DatabaseProxy()


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        table_name = "settings"


class Customer(BaseModel):
    id = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    phone = peewee.TextField(null=True)
    email = peewee.TextField(null=True)
    tags = JSONTextField(default=list)
    remote_id = peewee.TextField(null=True, unique=True)
    created_at = peewee.TextField()
    updated_at = peewee.TextField()

    class Meta:
        table_name = "customers"


class Address(BaseModel):
    id = peewee.TextField(primary_key=True)
    customer = peewee.ForeignKeyField(
        Customer, backref="addresses", column_name="customer_id", on_delete="CASCADE"
    )
    line = peewee.TextField()
    city = peewee.TextField()
    remote_id = peewee.TextField(null=True, unique=True)
    created_at = peewee.TextField()

    customer_id: str  # the key behind `customer` (peewee sets these; typed for the checker)

    class Meta:
        table_name = "addresses"


class Product(BaseModel):
    id = peewee.TextField(primary_key=True)
    sku = peewee.TextField(unique=True)
    name = peewee.TextField()
    kind = peewee.TextField(default="simple")  # simple | variable
    price = MoneyField()
    cost = MoneyField(null=True)
    active = BoolField(default=True)
    remote_id = peewee.TextField(null=True, unique=True)
    updated_at = peewee.TextField()
    image_url = peewee.TextField(null=True)  # the first photo, source of the thumbnail

    class Meta:
        table_name = "products"


class Variant(BaseModel):
    id = peewee.TextField(primary_key=True)
    product = peewee.ForeignKeyField(
        Product, backref="variants", column_name="product_id", on_delete="CASCADE"
    )
    sku = peewee.TextField(unique=True)
    name = peewee.TextField()
    attributes = JSONTextField(default=dict)
    price = MoneyField(null=True)  # overrides the product's price when set
    available = peewee.IntegerField(default=0)
    active = BoolField(default=True)
    remote_id = peewee.TextField(null=True, unique=True)
    updated_at = peewee.TextField()

    product_id: str

    class Meta:
        table_name = "variants"


class Stage(BaseModel):
    id = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    color = peewee.TextField()
    position = peewee.IntegerField()
    state = peewee.TextField(null=True)  # one of STANDARD_STATES, or None
    active = BoolField(default=True)
    message_template = peewee.TextField(null=True)
    description = peewee.TextField(null=True)
    remote_id = peewee.TextField(null=True, unique=True)
    automated = BoolField(default=False)  # Sendocki sends its message itself

    class Meta:
        table_name = "stages"


class Agent(BaseModel):
    id = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    active = BoolField(default=True)
    remote_id = peewee.TextField(null=True, unique=True)

    class Meta:
        table_name = "agents"


class Team(BaseModel):
    id = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    active = BoolField(default=True)
    remote_id = peewee.TextField(null=True, unique=True)

    class Meta:
        table_name = "teams"


class Conversation(BaseModel):
    chat_key = peewee.TextField(primary_key=True)
    display_name = peewee.TextField(null=True)
    customer = peewee.ForeignKeyField(
        Customer, null=True, column_name="customer_id", backref="conversations"
    )
    created_at = peewee.TextField()
    updated_at = peewee.TextField()

    customer_id: str | None

    class Meta:
        table_name = "conversations"


class Order(BaseModel):
    id = peewee.TextField(primary_key=True)
    seq = peewee.IntegerField(unique=True)
    number = peewee.TextField(unique=True)
    customer = peewee.ForeignKeyField(Customer, backref="orders", column_name="customer_id")
    address = peewee.ForeignKeyField(Address, null=True, column_name="address_id")
    stage = peewee.ForeignKeyField(Stage, column_name="stage_id")
    payment_method = peewee.TextField()
    payment_status = peewee.TextField()
    agent = peewee.ForeignKeyField(Agent, null=True, column_name="agent_id")
    team = peewee.ForeignKeyField(Team, null=True, column_name="team_id")
    note = peewee.TextField(null=True)
    catalog_total = MoneyField()
    lines_total = MoneyField()
    total = MoneyField()
    currency = peewee.TextField()
    conversation = peewee.ForeignKeyField(
        Conversation, null=True, column_name="conversation_key", backref="orders"
    )
    sync_state = peewee.TextField(default="local")  # services.outbox.SyncState
    remote_id = peewee.TextField(null=True)
    remote_number = peewee.TextField(null=True)
    warnings = JSONTextField(default=list)
    automation_message = peewee.TextField(null=True)
    created_at = peewee.TextField()
    origin = peewee.TextField(default="local")  # local | sendocki (pulled)
    created_by_agent = peewee.ForeignKeyField(
        Agent, null=True, column_name="created_by_agent_id", backref="created_orders"
    )
    pairing_id = peewee.TextField(null=True)
    external_number = peewee.TextField(null=True)
    stage_changed_at = peewee.TextField(null=True)
    stage_issue = JSONTextField(null=True)  # a move Sendocki refused (conflict), for the agent

    customer_id: str
    address_id: str | None
    stage_id: str
    agent_id: str | None
    team_id: str | None
    conversation_key: str | None
    created_by_agent_id: str | None

    class Meta:
        table_name = "orders"
        indexes = ((("remote_id",), False), (("stage", "seq"), False))


class OrderStageChange(BaseModel):
    id = peewee.AutoField()
    order = peewee.ForeignKeyField(
        Order, backref="stage_changes", column_name="order_id", on_delete="CASCADE"
    )
    from_stage = peewee.ForeignKeyField(Stage, null=True, column_name="from_stage_id")
    to_stage = peewee.ForeignKeyField(Stage, column_name="to_stage_id")
    at = peewee.TextField()
    origin = peewee.TextField()  # local | sendocki
    pairing_id = peewee.TextField(null=True)
    agent = peewee.ForeignKeyField(Agent, null=True, column_name="agent_id")
    client_reference = peewee.TextField(null=True)

    class Meta:
        table_name = "order_stage_changes"
        indexes = ((("order", "at"), False),)


class OrderLine(BaseModel):
    id = peewee.AutoField()
    order = peewee.ForeignKeyField(
        Order, backref="lines", column_name="order_id", on_delete="CASCADE"
    )
    position = peewee.IntegerField()
    kind = peewee.TextField()  # catalog | free | delivery
    variant = peewee.ForeignKeyField(Variant, null=True, column_name="variant_id")
    product = peewee.ForeignKeyField(Product, null=True, column_name="product_id")
    sku = peewee.TextField(null=True)
    name = peewee.TextField()
    quantity = peewee.IntegerField()
    catalog_unit_price = MoneyField(null=True)
    unit_price = MoneyField()
    line_total = MoneyField()

    order_id: str
    variant_id: str | None
    product_id: str | None

    class Meta:
        table_name = "order_lines"


class OutboxItem(BaseModel):
    id = peewee.AutoField()
    kind = peewee.TextField()
    aggregate_id = peewee.TextField()
    depends_on = peewee.ForeignKeyField("self", null=True, column_name="depends_on")
    idempotency_key = peewee.TextField(unique=True)
    payload_json = peewee.TextField()
    payload_hash = peewee.TextField()
    status = peewee.TextField(default="pending")  # services.outbox.OutboxStatus
    attempts = peewee.IntegerField(default=0)
    next_attempt_at = peewee.TextField(null=True)
    lease_until = peewee.TextField(null=True)
    first_attempt_at = peewee.TextField(null=True)
    last_status = peewee.IntegerField(null=True)
    last_error = peewee.TextField(null=True)
    remote_id = peewee.TextField(null=True)
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    request_body = peewee.TextField(null=True)  # sent as is on every retry under this key

    class Meta:
        table_name = "outbox"


class IdempotencyKey(BaseModel):
    id = peewee.AutoField()
    pairing_id = peewee.TextField()
    key = peewee.TextField()
    method = peewee.TextField()
    path = peewee.TextField()
    request_hash = peewee.TextField()
    state = peewee.TextField()  # running | done
    status_code = peewee.IntegerField(null=True)
    response_json = peewee.TextField(null=True)
    created_at = peewee.TextField()
    expires_at = peewee.TextField()

    class Meta:
        table_name = "idempotency_keys"
        indexes = ((("pairing_id", "key"), True),)


class Pairing(BaseModel):
    id = peewee.TextField(primary_key=True)
    name = peewee.TextField()
    token_hash = peewee.TextField(unique=True)
    origin = peewee.TextField(null=True)
    created_at = peewee.TextField()
    last_used_at = peewee.TextField(null=True)
    revoked_at = peewee.TextField(null=True)
    agent = peewee.ForeignKeyField(Agent, null=True, column_name="agent_id")

    agent_id: str | None

    class Meta:
        table_name = "pairings"


class PairingCode(BaseModel):
    id = peewee.AutoField()
    code_hash = peewee.TextField()
    created_at = peewee.TextField()
    expires_at = peewee.TextField()
    used_at = peewee.TextField(null=True)

    class Meta:
        table_name = "pairing_codes"


class DeliveryFee(BaseModel):
    city_key = peewee.TextField(primary_key=True)
    city = peewee.TextField()
    fee = MoneyField()

    class Meta:
        table_name = "delivery_fees"


class SyncCursor(BaseModel):
    resource = peewee.TextField(primary_key=True)
    cursor = peewee.TextField(null=True)
    updated_at = peewee.TextField()

    class Meta:
        table_name = "sync_cursors"


ALL_MODELS = [
    Setting,
    Customer,
    Address,
    Product,
    Variant,
    Stage,
    Agent,
    Team,
    Conversation,
    Order,
    OrderStageChange,
    OrderLine,
    OutboxItem,
    IdempotencyKey,
    Pairing,
    PairingCode,
    SyncCursor,
    DeliveryFee,
]
