"""The Twilio backend's road for a handset texting one of the sandbox's numbers.

The message is stored ``received`` and its keyword applied in one transaction; then, outside
it (an application's answer may take seconds), the incoming-message webhook is posted,
signed, to the number's ``SmsUrl`` (or its Messaging Service's inbound URL), and each
``<Message>`` of a TwiML answer is sent back as an ``outbound-reply`` through the usual
send path (gate and delivery scenario included).
"""

from datetime import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from mockserver.clock import Clock
from mockserver.destinations import sent_url
from mockserver.errors import NotFound
from mockserver.lifecycle import ReviewHooks
from mockserver.live import Announce
from mockserver.nanp import is_toll_free
from mockserver.store_contract import RecordStore
from mockserver.webhooks import Sender

from .accounts import AccountDirectory
from .callbacks import form_signature
from .errors import TwilioError
from .inbound import (
    MAX_TWIML,
    Reply,
    default_reply,
    keyword_of,
    twiml_replies,
    webhook_params,
)
from .message_events import inbound_event
from .messages import Messages
from .messaging_facade import message_news
from .opt_outs import OptOuts
from .records import PROVIDER
from .services import MessagingServices

INBOUND_WEBHOOK_TIMEOUT = 15.0  # seconds Twilio waits for an incoming-message webhook


class InboundFacade:
    """Inbound messages (a part of ``TwilioBackend``)."""

    _store: RecordStore
    _clock: Clock
    _hooks: ReviewHooks
    accounts: AccountDirectory
    messages: Messages
    opt_outs: OptOuts
    services: MessagingServices
    announce: Announce
    _inbound_sender: Sender  # bounded by INBOUND_WEBHOOK_TIMEOUT (or a longer --webhook-timeout)

    def close(self) -> None:
        """Close the incoming-message webhook's kept-alive connections."""
        self._inbound_sender.close()

    def receive_message(self, sender: str, to: str, body: str, media: list[str]) -> dict:
        """A handset (``sender``) texts ``to``; return what happened: the stored message,
        the keyword it was, the automatic reply, the webhook exchange and the replies sent."""
        with self._store.transaction():
            number = self.accounts.number_by_e164(to)
            if number is None:
                raise NotFound(f"no account owns {to}")
            service = self.services.service_of_number(number["sid"])
            now = self._clock.now()
            message = self.messages.new_inbound(number["account_sid"], sender, to, body, media, now)
            keyword = keyword_of(body)
            # An opt-out covers the number and, when it is in one, its service (the number
            # may leave the service later); an opt-in reopens the number, or the whole
            # service with each of its numbers.
            scopes = [to] + ([service["sid"]] if service else [])
            account = number["account_sid"]
            opted_out = self.opt_outs.blocked(account, scopes, sender)
            if keyword == "opt-out":
                for scope in scopes:
                    self.opt_outs.opt_out(account, scope, sender, now)
            elif keyword == "opt-in":
                pool = self.services.sender_pool(service["sid"]) if service else []
                for scope in scopes + [entry["phone_number"] for entry in pool]:
                    self.opt_outs.opt_in(account, scope, sender)
            self._hooks.emit([inbound_event(message, service["sid"] if service else None, now)])
        self.announce("message", PROVIDER, message_news(message), number["account_sid"])
        outcome = {"message": message, "keyword": keyword, "automatic_reply": None}
        if keyword is not None and not (keyword == "help" and opted_out):
            outcome["automatic_reply"] = self._automatic_reply(number, keyword, message)
        outcome["webhook"], answer = self._post_webhook(number, service, message, now)
        outcome["replies"] = [self._reply(number, message, reply) for reply in answer]
        return outcome

    def _automatic_reply(self, number: dict, keyword: str, message: dict) -> dict:
        """The answer to a keyword: a toll-free number's carrier answers STOP and START
        itself, Twilio the rest (a handset opted out gets no help text)."""
        body, origin = default_reply(
            keyword, message["body"], toll_free=is_toll_free(number["phone_number"])
        )
        return {"body": body, "from": origin}

    def _post_webhook(
        self, number: dict, service: dict | None, message: dict, at: datetime
    ) -> tuple[dict | None, list]:
        config = number.get("config") or {}
        url, method = config.get("sms_url") or "", (config.get("sms_method") or "POST").upper()
        if (
            service
            and service.get("inbound_request_url")
            and not service.get("use_inbound_webhook_on_number")
        ):
            url = service["inbound_request_url"]
            method = (service.get("inbound_method") or "POST").upper()
        if not url:
            return None, []
        params = webhook_params(message, service["sid"] if service else None)
        token = (self.accounts.account(number["account_sid"]) or {}).get("auth_token") or ""
        try:
            delivery = _signed(url, method, params, token)
        except ValueError as exc:  # a URL stored before it was checked: nothing can be sent
            return {"url": url, "method": method, "status": None, "error": str(exc)}, []
        delivery["headers"].update({"User-Agent": "TwilioProxy/1.1", "X-Home-Region": "us1"})
        attempt = self._inbound_sender.send(delivery, keep=MAX_TWIML + 1)
        exchange = {
            "url": delivery["url"],
            "method": method,
            "status": attempt.status,
            "error": attempt.error,
            "response": attempt.response,
        }
        return exchange, twiml_replies(attempt.response or "") if attempt.ok else []

    def _reply(self, number: dict, message: dict, reply: Reply) -> dict:
        """Send one TwiML reply, by default back to the handset from the number that got
        the message (an error says why it was not sent)."""
        values = {
            "to": reply.to or message["from"],
            "from": reply.sender or number["phone_number"],
            "body": reply.body,
            "media_url": list(reply.media),
            "status_callback": reply.status_callback,
        }
        try:
            return {"message": self.send_message(number["account_sid"], values, "outbound-reply")}
        except TwilioError as exc:
            return {"error": {"code": exc.code, "message": exc.message}}


def _signed(url: str, method: str, params: dict[str, str], token: str) -> dict:
    """The webhook request: a GET carries the parameters in its URL (all signed), a POST in
    its form body (signed after the URL)."""
    if method == "GET":
        parts = urlsplit(url)  # the parameters join the query, before any #fragment
        query = "&".join(part for part in (parts.query, urlencode(params)) if part)
        full = sent_url(urlunsplit(parts._replace(query=query)))
        signature = form_signature(full, {}, token, what="SmsUrl")
        return {
            "method": "GET",
            "url": full,
            "body": "",
            "headers": {"X-Twilio-Signature": signature},
        }
    url = sent_url(url)  # signed as requests sends it, the URL the application sees
    headers = {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "X-Twilio-Signature": form_signature(url, params, token, what="SmsUrl"),
    }
    return {"method": "POST", "url": url, "body": urlencode(params), "headers": headers}
