"""The OpenAPI 3.1 document, generated from the declared endpoints and their pydantic models."""

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from sendocki_helper import API_VERSION, PRODUCT, __version__
from sendocki_helper.api.endpoints import ENDPOINTS

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "code", "params", "message"],
                "properties": {
                    "field": {"type": "string"},
                    "code": {"type": "string", "description": "stable, for translated wording"},
                    "params": {"type": "object", "description": "values the wording needs"},
                    "message": {"type": "string", "description": "English wording"},
                },
            },
        },
    },
}


def _query_parameters(model) -> list[dict]:
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


def build_openapi() -> dict:
    models: set[tuple[type[BaseModel], JsonSchemaMode]] = set()
    for e in ENDPOINTS:
        if e.body:
            models.add((e.body, "validation"))
        if e.response:
            models.add((e.response, "serialization"))
    refs, definitions = models_json_schema(
        sorted(models, key=lambda m: (m[0].__name__, m[1])),
        ref_template="#/components/schemas/{model}",
    )
    schemas = dict(definitions.get("$defs", {}))
    schemas["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}

    paths: dict = {}
    for e in ENDPOINTS:
        operation: dict = {"summary": e.summary, "operationId": e.handler.__name__, "responses": {}}
        parameters = []
        if e.query:
            parameters += _query_parameters(e.query)
        parameters += [
            {
                "name": name,
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
                "description": description,
            }
            for name, description in e.headers.items()
        ]
        parameters += [
            {
                "name": segment.strip("{}"),
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
            }
            for segment in e.path.split("/")
            if segment.startswith("{")
        ]
        if parameters:
            operation["parameters"] = parameters
        if e.body:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": refs[(e.body, "validation")]}},
            }
        ok: dict = {"description": "OK"}
        if e.response:
            ok["content"] = {"application/json": {"schema": refs[(e.response, "serialization")]}}
        operation["responses"][str(e.status)] = ok
        operation["responses"]["default"] = {"description": "Error", "content": problem}
        if e.auth:
            operation["security"] = [{"bearer": []}]
        paths.setdefault(e.path, {})[e.method.lower()] = operation

    return {
        "openapi": "3.1.0",
        "info": {"title": f"{PRODUCT} API", "version": f"{API_VERSION} ({__version__})"},
        "servers": [{"url": "http://127.0.0.1:47615"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
