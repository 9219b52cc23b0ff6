"""Take the README's dashboard screenshots: the overview, a record page and the webhook log,
in light and dark, at 1280x800, of the ``--demo`` story on a virtual clock.

Needs Debian's chromium (``apt-get install chromium``) and the test extra's playwright:

    python docs/screenshots.py [--out docs/screenshots]
"""

import argparse
import base64
import json
import shutil
import sys
from pathlib import Path

from mockserver import demo
from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.settings import Settings
from mockserver.testing import WebhookReceiver

# Headless Chromium on a machine without a display or network (see tests/dashboard).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
ACCOUNT, TOKEN = demo.ACCOUNT, demo.TOKEN
TFV = "com.twilio.messaging.compliance.toll-free-verification."


def take(out: Path) -> list[Path]:
    """Tell the demo story on a fresh sandbox and photograph three pages in both schemes."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    app = create_app(Settings(store=":memory:"), clock=ManualClock())
    client = app.test_client()
    taken = []
    with WebhookReceiver() as hooks, serve_in_thread(app) as url:
        client.post(
            "/_mock/pinnacle/webhooks", json={"url": hooks.url + "/pinnacle", "secret": "demo"}
        )
        _subscribe_twilio(client, hooks.url + "/twilio")
        demo.tell(app)
        client.post("/_mock/clock/advance", json={"minutes": 5})
        rows = client.get("/_mock/records?kind=verification&q=Cobalt").get_json()["records"]
        pages = {
            "overview": "/_mock/ui/",
            "record": f"/_mock/ui/records/{rows[0]['id']}",
            "webhooks": "/_mock/ui/webhooks",
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(url + path)
                    shot = out / f"{name}-{scheme}.png"
                    page.screenshot(path=shot)
                    taken.append(shot)
                context.close()
            browser.close()
    app.extensions["mockserver"].close()
    return taken


def _subscribe_twilio(client, destination: str) -> None:
    """An Event Streams sink of the seed account for every verification event."""
    auth = {"Authorization": "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()}
    sink = client.post(
        "/v1/Sinks",
        headers=auth,
        data={
            "Description": "demo",
            "SinkType": "webhook",
            "SinkConfiguration": json.dumps({"destination": destination, "method": "POST"}),
        },
    ).get_json()["sid"]
    types = [{"type": TFV + name} for name in ("requested", "request-approved", "request-rejected")]
    client.post(
        "/v1/Subscriptions",
        headers=auth,
        data={"Description": "demo", "SinkSid": sink, "Types": [json.dumps(t) for t in types]},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "screenshots")
    args = parser.parse_args()
    for shot in take(args.out):
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
