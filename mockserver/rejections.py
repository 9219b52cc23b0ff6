"""Carrier rejection codes (Twilio's table), the vocabulary every provider's rejections use.

The platform API wraps Twilio and Pinnacle reports readable reasons, so the table is shared.
Source: ``docs/reference/twilio-tollfree-verification.md`` §Rejection codes.
"""

from datetime import timedelta
from typing import NamedTuple

from mockserver.errors import ValidationFailed


class RejectionCode(NamedTuple):
    """One row of Twilio's rejection table."""

    code: int
    reason: str
    resubmittable: bool


REJECTION_CODES: dict[int, RejectionCode] = {
    row.code: row
    for row in (
        RejectionCode(30437, "Edit time expired", True),
        RejectionCode(30440, "Unknown error", False),
        RejectionCode(30441, "Disallowed - SHAFT - Sex", False),
        RejectionCode(30442, "Business associated with a known Spam campaign", False),
        RejectionCode(30443, "Disallowed - Loan Marketing", False),
        RejectionCode(
            30444, "High risk - Third-party lead generation services and marketing: Fraud", False
        ),
        RejectionCode(30445, "Could not verify Business", True),
        RejectionCode(30446, "Opt-in not sufficient - express consent required", True),
        RejectionCode(
            30447,
            "Phone Number Error - the toll-free phone number is not provisioned to Twilio",
            False,
        ),
        RejectionCode(30448, "Age Gate Not Present / Not Acceptable", True),
        RejectionCode(30449, "High risk - Public URL shortener in sample message", True),
        RejectionCode(30451, "Address is invalid", True),
        RejectionCode(30452, "Email is invalid", True),
        RejectionCode(30455, "Disallowed - SHAFT - Hate", False),
        RejectionCode(30456, "Disallowed - SHAFT - Alcohol", False),
        RejectionCode(30457, "Disallowed - SHAFT - Firearms", False),
        RejectionCode(30458, "Disallowed - SHAFT - Tobacco/Vape", False),
        RejectionCode(30459, "Disallowed - SHAFT - Cannabis/CBD", False),
        RejectionCode(30460, "Disallowed - Third party debt collection", False),
        RejectionCode(30461, "Disallowed - Gambling", False),
        RejectionCode(30462, "Disallowed - Sweepstakes", False),
        RejectionCode(30463, "Disallowed - Stock Alerts", False),
        RejectionCode(30464, "Disallowed - Cryptocurrency", False),
        RejectionCode(30465, "Disallowed - Risk Investment/Get Rich Quick Schemes", False),
        RejectionCode(30466, "Disallowed - Debt reduction", False),
        RejectionCode(30467, "Disallowed - Credit Repair", False),
        RejectionCode(30468, "Disallowed - Third party lead generation", False),
        RejectionCode(30469, "Disallowed - Illegal Substances/articles", False),
        RejectionCode(
            30470,
            "Disallowed - High risk - Third-party lead generation services and marketing: "
            "Deceptive marketing",
            False,
        ),
        RejectionCode(30471, "Disallowed - High risk - Non-secured URL in sample message", True),
        RejectionCode(30472, "Business information not valid", True),
        RejectionCode(30473, "Cannot validate business website URL", True),
        RejectionCode(30474, "Need end business", True),
        RejectionCode(
            30475,
            "Opt-in not sufficient - Cannot combine consent for messaging with requirement for "
            "service",
            True,
        ),
        RejectionCode(30476, "Opt-in not provided", True),
        RejectionCode(
            30477, "Opt-in not sufficient - Third party information sharing not allowed", True
        ),
        RejectionCode(
            30478, "Phone number error - single phone number used for multiple businesses", True
        ),
        RejectionCode(
            30479,
            "Justification needed for more than five toll-free phone numbers per businesses",
            True,
        ),
        RejectionCode(30480, "Business associated with a known Phishing campaign", False),
    )
}


# Twilio: a resubmittable rejection may be edited for 7 days; 30445 when no code is named.
EDIT_WINDOW = timedelta(days=7)
DEFAULT_CODES = (30445,)


def edit_allowed_for(rows: list[RejectionCode], override: bool | None = None) -> bool:
    """Whether a rejection may be edited: every code resubmittable, unless overridden."""
    return all(row.resubmittable for row in rows) if override is None else override


def rows_for(codes: tuple[int, ...] | list[int]) -> list[RejectionCode]:
    """The table rows of a rejection's codes (ValidationFailed naming any unknown code)."""
    unknown = [code for code in codes if code not in REJECTION_CODES]
    if unknown:
        raise ValidationFailed(
            f"Unknown rejection codes: {', '.join(map(str, unknown))}",
            {"codes": "see the table in mockserver/rejections.py"},
        )
    return [REJECTION_CODES[code] for code in codes]
