"""What the benchmarks share: the seed account and one valid submission in both shapes."""

import re

ACCOUNT, TOKEN = "AC00000000000000000000000000000001", "sandbox_auth_token"
# A variant 2.2 submission (the seed's approved secondary profile); add the number's SID.
FORM = {
    "BusinessName": "Owl, Inc.",
    "BusinessWebsite": "http://www.company.com",
    "NotificationEmail": "support@company.com",
    "UseCaseCategories": ["TWO_FACTOR_AUTHENTICATION", "MARKETING"],
    "UseCaseSummary": "One-time passcodes for Owl customers",
    "ProductionMessageSample": "Your Owl code is 123456",
    "OptInImageUrls": ["https://example.com/1.jpg", "https://example.com/2.jpg"],
    "OptInType": "VERBAL",
    "MessageVolume": "1,000",
    "CustomerProfileSid": "BU00000000000000000000000000000002",
}
# The same submission as backend values (snake_case), for filling a store without HTTP.
VALUES = {re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower(): value for key, value in FORM.items()}
