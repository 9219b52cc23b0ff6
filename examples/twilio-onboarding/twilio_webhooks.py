"""The webhook handler: verify X-Twilio-Signature, then record each verification's outcome.

app = create_app(auth_token)            # POST /twilio/events
app.extensions["outcomes"]["HH…"]       # {"status": "twilio_approved", ...}
"""

import json

from flask import Flask, abort, request
from twilio.request_validator import RequestValidator


def create_app(auth_token: str) -> Flask:
    """A Flask app receiving Twilio Event Streams deliveries at ``/twilio/events``."""
    app = Flask(__name__)
    validator = RequestValidator(auth_token)
    outcomes: dict[str, dict] = {}
    app.extensions["outcomes"] = outcomes

    @app.post("/twilio/events")
    def events():
        body = request.get_data(as_text=True)
        # Twilio signs the full URL (with ?bodySHA256=…) and checks the body's hash.
        if not validator.validate(request.url, body, request.headers.get("X-Twilio-Signature")):
            abort(403)
        payload = json.loads(body)
        for event in payload if isinstance(payload, list) else [payload]:
            data = event["data"]
            outcomes[data["tollfreeverificationsid"]] = {
                "status": data["verificationstatus"],
                "error_codes": data.get("errorcodes"),
                "edit_allowed": data.get("editallowed"),
            }
        return "", 204

    return app
