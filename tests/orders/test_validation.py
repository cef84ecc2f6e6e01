"""Bad orders are 422 with every error naming its field path; nothing is written."""

from sendocki_helper.store.models import Customer, Order, OutboxItem
from tests.orders.support import field_errors, order_body, post_order

FREE = {"kind": "free", "name": "Emballage", "unit_price": "15.00", "quantity": 1}

CASES = [
    # (changes to the example body, field, words the message must contain, stable code)
    ({"lines": []}, "lines", "at least one line", "no_lines"),
    (
        {"lines": [FREE, {**FREE, "quantity": 0}]},
        "lines[1].quantity",
        "from 1 to 9999",
        "quantity_range",
    ),
    (
        {"lines": [{**FREE, "quantity": 10000}]},
        "lines[0].quantity",
        "from 1 to 9999",
        "quantity_range",
    ),
    ({"lines": [{**FREE, "quantity": 1.5}]}, "lines[0].quantity", "integer", "whole_number"),
    ({"lines": [{**FREE, "quantity": "2"}]}, "lines[0].quantity", "integer", "whole_number"),
    (
        {"lines": [FREE, FREE, {**FREE, "unit_price": "-1.00"}]},
        "lines[2].unit_price",
        "below 0",
        "below_zero",
    ),
    (
        {"lines": [{**FREE, "unit_price": "1.001"}]},
        "lines[0].unit_price",
        "2 decimal places",
        "too_many_decimals",
    ),
    (
        {"lines": [{**FREE, "unit_price": "abc"}]},
        "lines[0].unit_price",
        "decimal",
        "number_invalid",
    ),
    ({"lines": [{**FREE, "unit_price": None}]}, "lines[0].unit_price", "required", "required"),
    ({"lines": [{**FREE, "name": None}]}, "lines[0].name", "required", "required"),
    (
        {"lines": [{**FREE, "sku": "SAC-DOS"}]},
        "lines[0].sku",
        "not allowed on a free line",
        "free_line_extra",
    ),
    (
        {"lines": [FREE, {"kind": "catalog", "sku": "NOPE-42", "quantity": 1}]},
        "lines[1].sku",
        "unknown SKU 'NOPE-42'",
        "sku_unknown",
    ),
    (
        {"lines": [{"kind": "catalog", "variant_id": "v_nope", "quantity": 1}]},
        "lines[0].variant_id",
        "unknown variant",
        "variant_unknown",
    ),
    (
        {"lines": [{"kind": "catalog", "quantity": 1}]},
        "lines[0].sku",
        "sku or a variant_id",
        "product_missing",
    ),
    (
        {"lines": [{"kind": "catalog", "sku": "SAC-CUIR", "quantity": 1}]},
        "lines[0].sku",
        "has variants",
        "variant_required",
    ),
    (
        {
            "lines": [
                {"kind": "catalog", "sku": "SAC-DOS", "quantity": 1, "catalog_unit_price": "1.00"}
            ]
        },
        "lines[0].catalog_unit_price",
        "not permitted",
        "unknown_field",
    ),
    (
        {"lines": [{"kind": "gift", "name": "x", "quantity": 1}]},
        "lines[0].kind",
        "'catalog', 'free' or 'delivery'",
        "not_allowed",
    ),
    ({"total": "-0.01"}, "total", "below 0", "below_zero"),
    ({"customer": {"name": "", "phone": "0611223344"}}, "customer.name", "empty", "empty"),
    ({"customer": {"phone": "0611223344"}}, "customer.name", "required", "required_new_customer"),
    ({"customer": {"name": "A"}}, "customer.phone", "required", "required"),
    (
        {"customer": {"name": "A", "phone": "0612"}},
        "customer.phone",
        "not a valid phone number",
        "phone_invalid",
    ),
    (
        {"customer": {"name": "A", "phone": "187364529876123@lid"}},
        "customer.phone",
        "not a phone number",
        "phone_is_lid",
    ),
    (
        {"customer": {"name": "A", "phone": "0611223344", "email": "fatima@"}},
        "customer.email",
        "email",
        "email_invalid",
    ),
    ({"customer": {"id": "c_nope"}}, "customer.id", "unknown customer", "unknown_customer"),
    (
        {"customer": {"name": "A", "phone": "0611223344", "address_id": "a_nope"}},
        "customer.address_id",
        "not an address of this customer",
        "address_foreign",
    ),
    (
        {"customer": {"name": "A", "phone": "0611223344", "address": {"line": "", "city": "Fès"}}},
        "customer.address.line",
        "at least 1 character",
        "too_short",
    ),
    (
        {"payment_method": "cheque"},
        "payment_method",
        "'cash_on_delivery', 'online_payment' or 'other'",
        "not_allowed",
    ),
    ({"payment_status": "refunded"}, "payment_status", "'pending' or 'paid'", "not_allowed"),
    ({"stage_id": "s_nope"}, "stage_id", "unknown stage", "stage_unknown"),
    ({"agent_id": "ag_nope"}, "agent_id", "unknown agent", "agent_unknown"),
    ({"team_id": "tm_nope"}, "team_id", "unknown team", "team_unknown"),
    ({"discount": "10.00"}, "discount", "not permitted", "unknown_field"),
]


async def test_each_rule_is_a_422_naming_its_field_and_nothing_is_written(helper):
    for changes, field, words, code in CASES:
        status, problem = await post_order(helper, order_body(**changes))
        assert status == 422, (changes, problem)
        assert problem["code"] == "validation_error"
        errors = field_errors(problem)
        assert field in errors, (changes, problem)
        assert words in errors[field], (changes, errors[field])
        # The code (and its params) is what the extension words in the seller's language.
        coded = {e["field"]: (e["code"], e["params"]) for e in problem["errors"]}
        assert coded[field][0] == code, (changes, coded[field])

    def written():
        return Order.select().count(), OutboxItem.select().count(), Customer.select().count()

    assert await helper.store.run(written) == (0, 0, 5)


async def test_codes_carry_the_values_their_wording_needs(helper):
    cases = [
        ({"lines": [{**FREE, "quantity": 0}]}, "lines[0].quantity", {"min": 1, "max": 9999}),
        (
            {"lines": [{"kind": "catalog", "sku": "NOPE-42", "quantity": 1}]},
            "lines[0].sku",
            {"sku": "NOPE-42"},
        ),
        (
            {"customer": {"name": "x" * 201, "phone": "0611223344"}},
            "customer.name",
            {"max_length": 200},
        ),
        ({"stage_id": "s_nope"}, "stage_id", {"id": "s_nope"}),
    ]
    for changes, field, params in cases:
        _, problem = await post_order(helper, order_body(**changes))
        coded = {e["field"]: e["params"] for e in problem["errors"]}
        assert coded[field] == params, (changes, problem)


async def test_all_errors_come_at_once(helper):
    body = order_body(
        customer={"name": "", "phone": "12"},
        total="-1",
        lines=[{"kind": "catalog", "sku": "NOPE", "quantity": 1}, {**FREE, "quantity": 0}],
    )
    status, problem = await post_order(helper, body)
    assert status == 422
    assert problem["type"].endswith("validation_error") and problem["title"]
    # Shape errors come first (pydantic), catalog and card errors once the shape is right.
    assert set(field_errors(problem)) == {"total", "lines[1].quantity"}
    body["total"], body["lines"][1]["quantity"] = None, 1
    status, problem = await post_order(helper, body)
    assert set(field_errors(problem)) == {"customer.name", "customer.phone", "lines[0].sku"}


async def test_not_json_and_wrong_content_type_are_clear_errors(helper):
    headers = {"Idempotency-Key": "k", "Content-Type": "application/json"}
    async with await helper.post("/v1/orders", data=b"{not json", headers=headers) as answer:
        assert answer.status == 400 and (await answer.json())["code"] == "invalid_json"
    async with await helper.post(
        "/v1/orders", json=[1, 2], headers={"Idempotency-Key": "k2"}
    ) as answer:
        assert answer.status == 422
