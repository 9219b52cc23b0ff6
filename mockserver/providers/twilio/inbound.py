"""Inbound messages: opt-out keywords, the incoming-message webhook and TwiML replies.

Twilio's default keywords (single-word messages, any case) opt a handset out of a sender,
back in, or ask for help; a toll-free sender's carrier answers them itself with its network
replies (``docs/reference/twilio-messaging.md`` §7). The webhook carries the parameters
Twilio posts to a number's ``SmsUrl``; its TwiML answer's ``<Message>`` verbs become replies.
"""

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
OPT_IN = frozenset({"START", "YES", "UNSTOP"})
HELP = frozenset({"HELP", "INFO"})
REPLIES = {
    "opt-out": "You have successfully been unsubscribed. You will not receive any more messages "
    "from this number. Reply START to resubscribe.",
    "opt-in": "You have successfully been re-subscribed to messages from this number. Reply "
    "HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
    "help": "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
}
NETWORK_REPLIES = {
    "opt-out": 'NETWORK MSG: You replied with the word "{word}" which blocks all texts sent '
    'from this number. Text back "unstop" to receive messages again.',
    "opt-in": 'NETWORK MSG: You have replied "{word}" and will begin receiving messages again '
    "from this number.",
}
# A TwiML answer longer than this is not read (a reply is at most ten 1,600-character texts).
MAX_TWIML = 64 * 1024


def keyword_of(body: str) -> str | None:
    """``opt-out``, ``opt-in`` or ``help`` when the text is one of Twilio's keywords."""
    word = body.strip().upper()
    if word in OPT_OUT:
        return "opt-out"
    if word in OPT_IN:
        return "opt-in"
    return "help" if word in HELP else None


def default_reply(keyword: str, body: str, *, toll_free: bool) -> tuple[str, str]:
    """The automatic answer to a keyword and who sends it: the carrier for a toll-free
    number's opt-out and opt-in, Twilio otherwise (``carrier`` or ``twilio``)."""
    if toll_free and keyword in NETWORK_REPLIES:
        return NETWORK_REPLIES[keyword].format(word=body.strip().lower()), "carrier"
    return REPLIES[keyword], "twilio"


def webhook_params(message: dict, service_sid: str | None) -> dict[str, str]:
    """The form Twilio posts to the receiving number's ``SmsUrl`` for an inbound message."""
    params = {
        "ToCountry": "US",
        "ToState": "",
        "SmsMessageSid": message["sid"],
        "NumMedia": str(message["num_media"]),
        "ToCity": "",
        "FromZip": "",
        "SmsSid": message["sid"],
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": message["body"],
        "FromCountry": "US" if message["from"].startswith("+1") else "",
        "To": message["to"],
        "ToZip": "",
        "NumSegments": str(message["num_segments"]),
        "MessageSid": message["sid"],
        "AccountSid": message["account_sid"],
        "From": message["from"],
        "ApiVersion": message["api_version"],
    }
    for index, medium in enumerate(message.get("media") or ()):
        params[f"MediaContentType{index}"] = medium["content_type"]
        params[f"MediaUrl{index}"] = medium["url"]
    if service_sid:
        params["MessagingServiceSid"] = service_sid
    return params


@dataclass(frozen=True)
class Reply:
    """One ``<Message>`` of a TwiML answer: its text and media, and the verb's ``to``,
    ``from`` and ``statusCallback`` attributes when given."""

    body: str
    media: tuple[str, ...] = ()
    to: str | None = None
    sender: str | None = None
    status_callback: str | None = None


def twiml_replies(answer: str) -> list[Reply]:
    """The ``<Message>`` verbs of a TwiML ``<Response>`` (none when the answer is not TwiML:
    Twilio then sends nothing). expat ≥ 2.4 refuses entity-expansion bombs and ElementTree
    loads no external entity, so an application's answer cannot hurt the sandbox."""
    if not answer.strip() or len(answer) > MAX_TWIML:
        return []
    try:
        root = ElementTree.fromstring(answer.strip())
    except ElementTree.ParseError:
        return []
    for element in root.iter():  # TwiML may name its namespace: compare local names
        element.tag = element.tag.rpartition("}")[2]
    if root.tag != "Response":
        return []
    replies = []
    for verb in root.iter("Message"):
        body = verb.find("Body")
        text = body.text if body is not None else verb.text
        media = tuple((m.text or "").strip() for m in verb.iter("Media") if (m.text or "").strip())
        if (text or "").strip() or media:
            attributes = verb.attrib
            replies.append(
                Reply(
                    (text or "").strip(),
                    media,
                    to=attributes.get("to"),
                    sender=attributes.get("from"),
                    status_callback=attributes.get("statusCallback"),
                )
            )
    return replies
