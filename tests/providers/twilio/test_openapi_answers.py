"""The real answers of Twilio's Messages, Media, phone numbers, Messaging Services and toll-free
verifications keep to the OpenAPI document (``GET /_mock/openapi.json``): each route's
success and every error status the document declares for it, as the sandbox answers them."""

import re

import pytest

from mockserver.providers.twilio.models import Status
from tests.admin.test_openapi import (
    assert_described,
    assert_guarded,
    fill,
    filled_form,
    operations_matching,
    status_gaps,
    success_urls,
)
from tests.conftest import ISV_SID

from .conftest import HANDSET, LOCAL_NUMBER, LOCAL_PN, TOLL_FREE_PN, submission

OURS = re.compile(r"^/(2010-04-01/|v1/(Services|Tollfree))")
STRANGER = "AC" + "9" * 32  # an account the credentials do not reach: 404
ACCOUNT = "/2010-04-01/Accounts/{account_sid}"
MESSAGES, MESSAGE = f"{ACCOUNT}/Messages.json", f"{ACCOUNT}/Messages/{{sid}}.json"
MEDIA = f"{ACCOUNT}/Messages/{{message_sid}}/Media.json"
MEDIUM = f"{ACCOUNT}/Messages/{{message_sid}}/Media/{{sid}}.json"
NUMBERS, NUMBER = (
    f"{ACCOUNT}/IncomingPhoneNumbers.json",
    f"{ACCOUNT}/IncomingPhoneNumbers/{{sid}}.json",
)
OF_KIND = f"{ACCOUNT}/IncomingPhoneNumbers/{{kind}}.json"
AVAILABLE = f"{ACCOUNT}/AvailablePhoneNumbers/{{country}}/{{kind}}.json"
SERVICES, SERVICE = "/v1/Services", "/v1/Services/{sid}"
POOL, POOLED = (
    "/v1/Services/{service_sid}/PhoneNumbers",
    "/v1/Services/{service_sid}/PhoneNumbers/{sid}",
)
VERIFICATIONS, VERIFICATION = "/v1/Tollfree/Verifications", "/v1/Tollfree/Verifications/{sid}"
A = f"/2010-04-01/Accounts/{ISV_SID}"
GONE = f"/2010-04-01/Accounts/{STRANGER}"
SMS = {"To": HANDSET, "From": LOCAL_NUMBER, "Body": "hello"}
FREE_LOCAL = "+14155550101"  # the first local number of the inventory nobody owns
SECOND_TOLL_FREE = "PN" + "0" * 31 + "2"  # the seed's other toll-free number
NO_MESSAGE, NO_MEDIUM = "SM" + "0" * 32, "ME" + "0" * 32
NO_NUMBER, NO_SERVICE, NO_VERIFICATION = "PN" + "0" * 32, "MG" + "0" * 32, "HH" + "0" * 32

# (status, method, path as the document names it, URL, form); in URLs and forms, {mms} is a
# delivered MMS, {medium} its first medium, {queued} and {queued_medium} an MMS not sent yet,
# {service} a Messaging Service with the toll-free number in its pool, {rejected} a rejected
# verification, {superseded} a rejected one whose number was submitted again, {pending} one in
# review.
CASES = [
    (201, "post", MESSAGES, f"{A}/Messages.json", SMS),
    (400, "post", MESSAGES, f"{A}/Messages.json", {**SMS, "Body": ""}),
    (404, "post", MESSAGES, f"{GONE}/Messages.json", SMS),
    (200, "get", MESSAGES, f"{A}/Messages.json?To={HANDSET}", None),
    (400, "get", MESSAGES, f"{A}/Messages.json?DateSent=yesterday", None),
    (404, "get", MESSAGES, f"{GONE}/Messages.json", None),
    (200, "get", MESSAGE, f"{A}/Messages/{{mms}}.json", None),
    (404, "get", MESSAGE, f"{A}/Messages/{NO_MESSAGE}.json", None),
    (200, "post", MESSAGE, f"{A}/Messages/{{mms}}.json", {"Body": ""}),
    (400, "post", MESSAGE, f"{A}/Messages/{{mms}}.json", {"Status": "sent"}),
    (404, "post", MESSAGE, f"{A}/Messages/{NO_MESSAGE}.json", {"Body": ""}),
    (204, "delete", MESSAGE, f"{A}/Messages/{{mms}}.json", None),
    (400, "delete", MESSAGE, f"{A}/Messages/{{queued}}.json", None),
    (404, "delete", MESSAGE, f"{A}/Messages/{NO_MESSAGE}.json", None),
    (200, "get", MEDIA, f"{A}/Messages/{{mms}}/Media.json", None),
    (400, "get", MEDIA, f"{A}/Messages/{{mms}}/Media.json?DateCreated=x", None),
    (404, "get", MEDIA, f"{A}/Messages/{NO_MESSAGE}/Media.json", None),
    (200, "get", MEDIUM, f"{A}/Messages/{{mms}}/Media/{{medium}}.json", None),
    (404, "get", MEDIUM, f"{A}/Messages/{{mms}}/Media/{NO_MEDIUM}.json", None),
    (204, "delete", MEDIUM, f"{A}/Messages/{{mms}}/Media/{{medium}}.json", None),
    (400, "delete", MEDIUM, f"{A}/Messages/{{queued}}/Media/{{queued_medium}}.json", None),
    (404, "delete", MEDIUM, f"{A}/Messages/{{mms}}/Media/{NO_MEDIUM}.json", None),
    (201, "post", NUMBERS, f"{A}/IncomingPhoneNumbers.json", {"AreaCode": "212"}),
    (400, "post", NUMBERS, f"{A}/IncomingPhoneNumbers.json", {}),
    (404, "post", NUMBERS, f"{GONE}/IncomingPhoneNumbers.json", {"AreaCode": "212"}),
    (200, "get", NUMBERS, f"{A}/IncomingPhoneNumbers.json?Beta=false", None),
    (400, "get", NUMBERS, f"{A}/IncomingPhoneNumbers.json?PageSize=0", None),
    (404, "get", NUMBERS, f"{GONE}/IncomingPhoneNumbers.json", None),
    (201, "post", OF_KIND, f"{A}/IncomingPhoneNumbers/Local.json", {"PhoneNumber": FREE_LOCAL}),
    (400, "post", OF_KIND, f"{A}/IncomingPhoneNumbers/TollFree.json", {}),
    (404, "post", OF_KIND, f"{GONE}/IncomingPhoneNumbers/Local.json", {"PhoneNumber": FREE_LOCAL}),
    (200, "get", OF_KIND, f"{A}/IncomingPhoneNumbers/TollFree.json", None),
    (400, "get", OF_KIND, f"{A}/IncomingPhoneNumbers/Local.json?Page=-1", None),
    (404, "get", OF_KIND, f"{GONE}/IncomingPhoneNumbers/Local.json", None),
    (200, "get", NUMBER, f"{A}/IncomingPhoneNumbers/{LOCAL_PN}.json", None),
    (404, "get", NUMBER, f"{A}/IncomingPhoneNumbers/{NO_NUMBER}.json", None),
    (200, "post", NUMBER, f"{A}/IncomingPhoneNumbers/{LOCAL_PN}.json", {"FriendlyName": "x"}),
    (400, "post", NUMBER, f"{A}/IncomingPhoneNumbers/{LOCAL_PN}.json", {"SmsMethod": "FETCH"}),
    (404, "post", NUMBER, f"{A}/IncomingPhoneNumbers/{NO_NUMBER}.json", {"FriendlyName": "x"}),
    (204, "delete", NUMBER, f"{A}/IncomingPhoneNumbers/{LOCAL_PN}.json", None),
    (404, "delete", NUMBER, f"{A}/IncomingPhoneNumbers/{NO_NUMBER}.json", None),
    (200, "get", AVAILABLE, f"{A}/AvailablePhoneNumbers/US/Local.json?AreaCode=512", None),
    (400, "get", AVAILABLE, f"{A}/AvailablePhoneNumbers/US/TollFree.json?PageSize=0", None),
    (404, "get", AVAILABLE, f"{A}/AvailablePhoneNumbers/ZZ/Local.json", None),
    (201, "post", SERVICES, SERVICES, {"FriendlyName": "svc"}),
    (400, "post", SERVICES, SERVICES, {}),
    (200, "get", SERVICES, SERVICES, None),
    (400, "get", SERVICES, f"{SERVICES}?PageSize=0", None),
    (200, "get", SERVICE, f"{SERVICES}/{{service}}", None),
    (404, "get", SERVICE, f"{SERVICES}/{NO_SERVICE}", None),
    (200, "post", SERVICE, f"{SERVICES}/{{service}}", {"FriendlyName": "renamed"}),
    (400, "post", SERVICE, f"{SERVICES}/{{service}}", {"ValidityPeriod": "0"}),
    (404, "post", SERVICE, f"{SERVICES}/{NO_SERVICE}", {"FriendlyName": "renamed"}),
    (204, "delete", SERVICE, f"{SERVICES}/{{service}}", None),
    (404, "delete", SERVICE, f"{SERVICES}/{NO_SERVICE}", None),
    (201, "post", POOL, f"{SERVICES}/{{service}}/PhoneNumbers", {"PhoneNumberSid": LOCAL_PN}),
    (400, "post", POOL, f"{SERVICES}/{{service}}/PhoneNumbers", {}),
    (404, "post", POOL, f"{SERVICES}/{NO_SERVICE}/PhoneNumbers", {"PhoneNumberSid": LOCAL_PN}),
    (400, "post", POOL, f"{SERVICES}/{{service}}/PhoneNumbers", {"PhoneNumberSid": TOLL_FREE_PN}),
    (200, "get", POOL, f"{SERVICES}/{{service}}/PhoneNumbers", None),
    (400, "get", POOL, f"{SERVICES}/{{service}}/PhoneNumbers?PageSize=x", None),
    (404, "get", POOL, f"{SERVICES}/{NO_SERVICE}/PhoneNumbers", None),
    (200, "get", POOLED, f"{SERVICES}/{{service}}/PhoneNumbers/{TOLL_FREE_PN}", None),
    (404, "get", POOLED, f"{SERVICES}/{{service}}/PhoneNumbers/{NO_NUMBER}", None),
    (204, "delete", POOLED, f"{SERVICES}/{{service}}/PhoneNumbers/{TOLL_FREE_PN}", None),
    (404, "delete", POOLED, f"{SERVICES}/{{service}}/PhoneNumbers/{NO_NUMBER}", None),
    (201, "post", VERIFICATIONS, VERIFICATIONS, {**submission(), "ExternalReferenceId": "new"}),
    (400, "post", VERIFICATIONS, VERIFICATIONS, {}),
    (422, "post", VERIFICATIONS, VERIFICATIONS, submission(CustomerProfileSid="BU" + "9" * 32)),
    (
        409,
        "post",
        VERIFICATIONS,
        VERIFICATIONS,
        submission(TollfreePhoneNumberSid=SECOND_TOLL_FREE),
    ),
    (200, "get", VERIFICATIONS, f"{VERIFICATIONS}?Status=IN_REVIEW", None),
    (400, "get", VERIFICATIONS, f"{VERIFICATIONS}?Status=LOST", None),
    (200, "get", VERIFICATION, f"{VERIFICATIONS}/{{pending}}", None),
    (404, "get", VERIFICATION, f"{VERIFICATIONS}/{NO_VERIFICATION}", None),
    (202, "post", VERIFICATION, f"{VERIFICATIONS}/{{rejected}}", {"BusinessName": "Owls"}),
    (400, "post", VERIFICATION, f"{VERIFICATIONS}/{{rejected}}", {"OptInType": "SHOUTED"}),
    (404, "post", VERIFICATION, f"{VERIFICATIONS}/{NO_VERIFICATION}", {"BusinessName": "x"}),
    (400, "post", VERIFICATION, f"{VERIFICATIONS}/{{pending}}", {"BusinessName": "Owls"}),
    (409, "post", VERIFICATION, f"{VERIFICATIONS}/{{superseded}}", {"BusinessName": "Owls"}),
    (204, "delete", VERIFICATION, f"{VERIFICATIONS}/{{pending}}", None),
    (404, "delete", VERIFICATION, f"{VERIFICATIONS}/{NO_VERIFICATION}", None),
]


@pytest.fixture
def made(client, isv_auth, in_status) -> dict[str, str]:
    """The records the cases name, by name (see CASES)."""

    def post(url: str, form: dict) -> dict:
        answer = client.post(url, data=form, headers=isv_auth)
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    mms_form = {**SMS, "MediaUrl": ["https://example.com/media/photo.jpg"]}
    mms = post(f"{A}/Messages.json", mms_form)
    assert client.post("/_mock/clock/advance", json={"minutes": 5}).status_code == 200
    queued = post(f"{A}/Messages.json", mms_form)
    media = client.get(f"{A}/Messages/{mms['sid']}/Media.json", headers=isv_auth).get_json()
    queued_media = client.get(f"{A}/Messages/{queued['sid']}/Media.json", headers=isv_auth)
    service = post(SERVICES, {"FriendlyName": "openapi"})
    post(f"{SERVICES}/{service['sid']}/PhoneNumbers", {"PhoneNumberSid": TOLL_FREE_PN})
    rejected = in_status(Status.TWILIO_REJECTED, codes=(30445,), edit_allowed=True)
    # A rejected verification whose number was submitted again since: editing it is a 409.
    spare = {"account_sid": ISV_SID, "phone_number": "+18775550150"}
    spare_sid = client.post("/_mock/twilio/phone-numbers", json=spare).get_json()["sid"]
    superseded = in_status(
        Status.TWILIO_REJECTED, codes=(30445,), edit_allowed=True, TollfreePhoneNumberSid=spare_sid
    )
    post(VERIFICATIONS, submission(TollfreePhoneNumberSid=spare_sid, ExternalReferenceId="again"))
    pending = in_status(Status.IN_REVIEW, TollfreePhoneNumberSid=SECOND_TOLL_FREE)
    return {
        "mms": mms["sid"],
        "medium": media["media_list"][0]["sid"],
        "queued": queued["sid"],
        "queued_medium": queued_media.get_json()["media_list"][0]["sid"],
        "service": service["sid"],
        "rejected": rejected["sid"],
        "superseded": superseded["sid"],
        "pending": pending["sid"],
    }


def ours(document: dict) -> dict[tuple[str, str], dict]:
    """The operations these cases cover, by (path, method)."""
    return operations_matching(document, OURS)


def test_the_cases_here_reach_every_answer_the_document_declares(document):
    """Each declared status of each operation is one of CASES, or the 401 and 413 below."""
    assert status_gaps(ours(document), CASES) == (set(), set())


@pytest.mark.parametrize(
    ("status", "method", "described", "url", "form"),
    CASES,
    ids=[f"{method} {url.split('?')[0]} {status}" for status, method, _, url, _ in CASES],
)
def test_each_answer_validates_against_the_document(
    client, isv_auth, document, made, status, method, described, url, form
):
    """Success and error bodies alike, as the sandbox really answers them."""
    data = filled_form(form, made)
    answer = client.open(fill(url, made), method=method.upper(), data=data, headers=isv_auth)
    assert_described(answer, document, described, method, status)


def test_every_operation_answers_the_described_401_and_413(
    client, isv_auth, document, made, settings
):
    """Without credentials a 401; a form past the limit a 413 (before it is read)."""
    ops = ours(document)
    urls = {key: fill(url, made) for key, url in success_urls(ops, CASES).items()}
    assert_guarded(client, document, ops, urls, isv_auth, settings.max_body_bytes + 1)
