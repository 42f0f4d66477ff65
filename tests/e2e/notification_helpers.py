"""Reading the emails the platform sent, from each email adapter's real counterpart:
the mailbox folder (.eml files), Mailpit's REST API (SMTP) and the SendGrid fake."""
import email
import email.policy
import json
import os
import pathlib
import urllib.parse
import urllib.request

from waiting import wait_until  # noqa: F401  (re-exported for the notification tests)


def mailbox_messages(server, to):
    """Parsed .eml files in the server's mailbox addressed to `to`: [{subject, text, html, from}]."""
    box = pathlib.Path(server.tmp) / "mailbox"
    out = []
    for path in sorted(box.glob("*.eml")) if box.exists() else []:
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if msg["To"] != to:
            continue
        text = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        out.append({"subject": str(msg["Subject"]), "from": str(msg["From"]),
                    "text": text.get_content() if text else "",
                    "html": html.get_content() if html else "",
                    "messageId": str(msg["Message-ID"])})
    return out


def mailpit_url():
    return os.environ.get("UM_TEST_MAILPIT_URL", "")


def smtp_url():
    return os.environ.get("UM_TEST_SMTP_URL", "")


def mailpit_messages(to):
    """Messages Mailpit received for `to`: [{subject, text, html, from, messageId}]."""
    query = urllib.parse.quote(f'to:"{to}"')
    with urllib.request.urlopen(f"{mailpit_url()}/api/v1/search?query={query}", timeout=10) as r:
        found = json.loads(r.read())
    out = []
    for summary in found.get("messages") or []:
        with urllib.request.urlopen(f"{mailpit_url()}/api/v1/message/{summary['ID']}", timeout=10) as r:
            m = json.loads(r.read())
        out.append({"subject": m["Subject"], "text": m["Text"], "html": m["HTML"],
                    "from": m["From"]["Address"], "messageId": m["MessageID"]})
    return out


def sendgrid_messages(fake, to):
    out = []
    for m in fake.messages():
        body = m["body"]
        if body["personalizations"][0]["to"][0]["email"] != to:
            continue
        content = {c["type"]: c["value"] for c in body["content"]}
        out.append({"subject": body["subject"], "text": content.get("text/plain", ""),
                    "html": content.get("text/html", ""), "from": body["from"]["email"],
                    "types": [c["type"] for c in body["content"]],
                    "reference": body.get("custom_args", {}).get("reference"),
                    "headers": m["headers"]})
    return out


def with_subject(messages, fragment):
    return [m for m in messages if fragment in m["subject"]]
