"""``GET /_mock/records``: every provider's records in one list, filtered."""

from flask import jsonify
from marshmallow import RAISE, Schema, fields, validate

from mockserver.openapi import documented
from mockserver.record_listing import list_records
from mockserver.runtime import current_runtime

from .answers import RecordsAnswer
from .http import read_query
from .routes import bp


class RecordsQuery(Schema):
    """``GET /_mock/records`` filters."""

    class Meta:
        unknown = RAISE

    provider = fields.String(validate=validate.Length(min=1, max=64))
    kind = fields.String(validate=validate.Length(min=1, max=64))
    tenant = fields.String(validate=validate.Length(min=1, max=512))
    status = fields.String(validate=validate.Length(min=1, max=64))
    q = fields.String(validate=validate.Length(min=1, max=256))
    limit = fields.Integer(strict=False, validate=validate.Range(min=1, max=10_000))


@bp.get("/_mock/records")
@documented(query=RecordsQuery, answers={200: RecordsAnswer}, errors=(400,))
def records():
    """Records of every provider and listed kind, last changed first."""
    query = read_query(RecordsQuery())
    runtime = current_runtime()
    found = list_records(
        runtime.providers,
        runtime.backends,
        runtime.announce.shown_tenant,
        provider=query.get("provider"),
        kind=query.get("kind"),
        tenant=query.get("tenant"),
        status=query.get("status"),
        text=query.get("q"),
    )
    limit = query.get("limit", 500)
    return jsonify(records=found[:limit], total=len(found))
