"""Validating what the bot sends against Discord's official OpenAPI description, when the file is present."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

_URI = "urn:discord-openapi"
# Fields whose value tells which branch of a union a body means.
_DISCRIMINATORS = ("type", "entity_type")


def _pointer(*parts: str) -> str:
    return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _format(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    where = path or "(body)"
    if error.validator in ("maxLength", "minLength") and isinstance(error.instance, str):
        bound = "limit" if error.validator == "maxLength" else "at least"
        return f"{where}: {len(error.instance)} characters, {bound} {error.validator_value} (OpenAPI)"
    if error.validator in ("maxItems", "minItems") and isinstance(error.instance, list):
        bound = "limit" if error.validator == "maxItems" else "at least"
        return f"{where}: {len(error.instance)} items, {bound} {error.validator_value} (OpenAPI)"
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return f"{where}: {message} (OpenAPI)"


def _new_attachments_by_index(spec: dict[str, Any]) -> None:
    """A message's new attachment is named by its index among the uploaded files (`files[0]` is id 0), which
    discord.py sends as a number and Discord accepts; the description only lists snowflake strings."""
    attachment = spec.get("components", {}).get("schemas", {}).get("MessageAttachmentRequest", {})
    known = attachment.get("properties", {}).get("id")
    if known is not None:
        attachment["properties"]["id"] = {"anyOf": [known, {"type": "integer", "minimum": 0}]}


def _mentioned_ids_as_numbers(spec: dict[str, Any]) -> None:
    """allowed_mentions lists the users and roles a message may ping by id; discord.py sends the ids as numbers
    and Discord accepts them (the description lists snowflake strings only)."""
    mentions = spec.get("components", {}).get("schemas", {}).get("MessageAllowedMentionsRequest", {})
    for field in ("users", "roles"):
        items = mentions.get("properties", {}).get(field, {}).get("items")
        if items is not None:
            mentions["properties"][field]["items"] = {"anyOf": [items, {"type": "integer", "minimum": 0}]}


class SpecValidator:
    """Request bodies checked against the schema of their route in openapi.json."""

    def __init__(self, path: Path) -> None:
        self.spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        _new_attachments_by_index(self.spec)
        _mentioned_ids_as_numbers(self.spec)
        resource: Resource[Any] = Resource.from_contents(self.spec, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(_URI, resource)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one validator per route for the validator's life
    def _validator(self, pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"{_URI}#{pointer}"}, registry=self.registry)

    def _node(self, pointer: str) -> Any:
        node: Any = self.spec
        for part in pointer.lstrip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _branch(self, pointer: str, body: Any) -> str:
        """For a union, the branch whose discriminator accepts the body's value (readable errors)."""
        node = self._node(pointer)
        branches = node.get("anyOf") or node.get("oneOf") if isinstance(node, dict) else None
        if not branches or not isinstance(body, dict):
            return pointer
        for branch in branches:
            target = self._node(branch["$ref"].lstrip("#")) if "$ref" in branch else branch
            for key in _DISCRIMINATORS:
                allowed = (target.get("properties", {}).get(key) or {}).get("enum")
                if allowed is not None and body.get(key) in allowed:
                    return branch["$ref"].lstrip("#") if "$ref" in branch else pointer
        return pointer

    def errors(self, method: str, route: str, body: Any) -> list[str]:
        """The problems with a request body for `METHOD /route/{param}`, as readable paths; [] when valid."""
        operation = self.spec["paths"].get(route, {}).get(method.lower())
        if operation is None or "requestBody" not in operation:
            return []
        pointer = _pointer(
            "paths", route, method.lower(), "requestBody", "content", "application/json", "schema"
        )
        errors = list(self._validator(pointer).iter_errors(body))
        if not errors:
            return []
        branch = self._branch(pointer, body)
        if branch != pointer:
            errors = list(self._validator(branch).iter_errors(body)) or errors
        best = best_match(errors)
        while best.context:  # descend into anyOf/oneOf to the innermost, most relevant error
            best = best_match(best.context)
        return [_format(best)]


@functools.cache
def spec_validator(path: Path) -> SpecValidator:
    """One loaded spec per file for the process (loading takes tens of milliseconds)."""
    return SpecValidator(path)
