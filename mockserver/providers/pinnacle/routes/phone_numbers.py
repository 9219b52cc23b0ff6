"""``/phone-numbers/…`` and ``/status/phone-number/{phoneNumber}``."""

from mockserver.openapi import documented

from ..schemas import examples, load, page_body, phone_details
from ..schemas import number_answers as answers
from ..schemas import phone_numbers as schema
from . import backend, body, bp, ok, tenant


@bp.post("/phone-numbers/search")
@documented(
    body=schema.SearchSchema,
    answers={200: answers.FoundNumberAnswer(many=True)},
    errors=(400,),
    example=examples.SEARCH,
)
def search_numbers():
    """Available numbers from the sandbox's deterministic inventory (a bare array)."""
    criteria = load(schema.SearchSchema, body())
    return ok([schema.search_result(found) for found in backend().search_numbers(criteria)])


@bp.post("/phone-numbers/buy")
@documented(
    body=schema.BuySchema,
    answers={200: answers.PurchasedNumberAnswer(many=True)},
    errors=(400,),
    example=examples.BUY,
)
def buy_numbers():
    """Buy every number listed, or none (a bare array; 400 naming one not for sale)."""
    values = load(schema.BuySchema, body())
    return ok([schema.purchased(n) for n in backend().buy_numbers(tenant(), values["numbers"])])


@bp.post("/phone-numbers/list")
@documented(
    body=schema.NumberListSchema,
    answers={200: answers.OwnedPageAnswer},
    errors=(400,),
    example=examples.PAGE,
)
def list_numbers():
    """The key's numbers, one page."""
    filters = load(schema.NumberListSchema, body())
    return ok(page_body(backend().list_numbers(tenant(), filters, schema.owned)))


@bp.post("/phone-numbers/details")
@documented(
    body=phone_details.DetailsSchema,
    answers={200: answers.NUMBER_DETAILS},
    errors=(400, 404),
    example=examples.DETAILS,
)
def number_details():
    """What the sandbox can tell about any number, derived from its digits.

    ``level`` picks the answer: ``basic`` (``BasicPhoneInformation``) or ``advanced``
    (``AdvancedPhoneInformation``). A number outside North America (+1) is a 404.
    """
    values = load(phone_details.DetailsSchema, body())
    facts = backend().describe_number(values["phone"])
    render = phone_details.basic if values["level"] == "basic" else phone_details.advanced
    return ok(render(facts))


@bp.post("/phone-numbers/attach-campaign")
@documented(
    body=schema.AttachSchema,
    answers={200: answers.AttachmentAnswer},
    errors=(400, 404),
    example=examples.ATTACH,
)
def attach_campaign():
    """Attach toll-free numbers to a VERIFIED campaign; refusals are listed per number.

    An unknown campaign is a 404; a ``campaignType`` other than the campaign's a 400.
    """
    values = load(schema.AttachSchema, body())
    done, failed = backend().attach(
        tenant(), values["phones"], values["campaign_type"], values["campaign_id"]
    )
    return ok(schema.attachment_result(done, failed))


@bp.delete("/phone-numbers/detach-campaign")
@documented(
    body=schema.DetachSchema,
    answers={200: answers.AttachmentAnswer},
    errors=(400,),
    example=examples.DETACH,
)
def detach_campaign():
    """Detach numbers from their campaigns; refusals are listed per number."""
    values = load(schema.DetachSchema, body())
    done, failed = backend().detach(tenant(), values["phones"])
    return ok(schema.attachment_result(done, failed))


@bp.get("/status/phone-number/<path:phone_number>")
@documented(answers={200: answers.NumberStatusAnswer}, errors=(404,))
def number_status(phone_number: str):
    """Whether a number may send: PENDING, ACTIVE or FAILURE, with reasons."""
    return ok(schema.number_status(*backend().number_status(tenant(), phone_number)))
