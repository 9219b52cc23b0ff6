"""Bodies of the core control endpoints."""

from marshmallow import RAISE, Schema, fields


class ResetSchema(Schema):
    """``POST /_mock/reset``: optionally restart the id sequence from a seed."""

    class Meta:
        unknown = RAISE

    random_seed = fields.Integer(allow_none=True)
