"""The alert digest: new, unacknowledged alerts sent by e-mail (SMTP) and/or POSTed as JSON to a
webhook, to the addresses in the settings (``alert_smtp_*``, ``alert_mail_*``, ``alert_webhook_url``).

Why no example texts: a digest leaves the system for a mailbox or another system whose readers
Tyndau does not know, so it carries counts, baselines and appeal ids only; the texts stay behind the
dashboard's text-reader roles and its audit log. An alert counts as sent on a channel only after
that channel accepted the digest (the server answered), so a failed delivery is tried again next
time; acknowledged alerts are never sent.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import polars as pl

from dashboard.i18n import area_name, month, number, text, theme_name
from warehouse.errors import TyndauError

TIMEOUT_SECONDS = 30
SMALLEST_P = 0.0001


class DigestError(TyndauError):
    hint = ("Check alert_smtp_host, alert_smtp_port, alert_mail_from, alert_mail_to and alert_webhook_url "
            "(`tyndau config`), and that the server is reachable from this machine.")


@dataclass(frozen=True)
class Digest:
    subject: str
    body: str
    payload: dict
    alert_ids: list[str]


def channels(settings) -> list[str]:
    """The channels the settings configure; none is an error at the edge, not a silent no-op."""
    found = []
    if settings.alert_smtp_host and recipients(settings):
        found.append("email")
    if settings.alert_webhook_url:
        found.append("webhook")
    return found


def recipients(settings) -> list[str]:
    return [a.strip() for a in settings.alert_mail_to.split(",") if a.strip()]


def measure(row: dict, lang: str) -> str:
    """What rose, in words: all appeals, complaints about an area, or the appeals of a theme (by its
    name in ``lang``, never its number)."""
    if row["metric"] == "volume":
        return text("alerts.metric.volume", lang)
    if row["metric"] == "theme":
        name = (row.get("theme_names") or {}).get(lang) or {}
        return text("alerts.metric.theme", lang, theme=theme_name(name.get("label"), name.get("label_language"), lang))
    return text("alerts.metric.negative", lang, area=area_name(row["area"], lang))


def where(row: dict, names: dict, lang: str) -> tuple[str, str]:
    """The alert's agency and region by name; a theme's series spans every agency in the country."""
    if row["metric"] == "theme":
        return text("alerts.all_agencies", lang), text("alerts.whole_country", lang)
    return (names["agency"].get(row["agency_key"], row["agency_key"]),
            names["region"].get(row["region_key"], row["region_key"]))


def alert_title(row: dict, names: dict, lang: str) -> str:
    agency, region = where(row, names, lang)
    return f"{agency} ({region}): {measure(row, lang)}"


def p_text(value, lang: str) -> str:
    """Below a ten-thousandth the digits say nothing more (and "0.0000" would read as impossible)."""
    if value is not None and value < SMALLEST_P:
        return "< " + number(SMALLEST_P, lang, digits=4)
    return number(value, lang, digits=4)


def evidence_line(row: dict, lang: str) -> str:
    p = lambda v: p_text(v, lang)  # noqa: E731
    return text("alerts.evidence", lang, month=month(row["month"], lang), observed=number(row["observed"], lang),
                expected=number(row["expected"], lang, digits=1), lower=number(row["lower"], lang),
                upper=number(row["upper"], lang), p=p(row["p_value"]), q=p(row["q_value"]),
                tests=number(row["tests_in_month"], lang))


def compose(alerts: pl.DataFrame, names: dict, lang: str) -> Digest:
    rows = alerts.to_dicts()
    lines = [text("alerts.digest_intro", lang), ""]
    for r in rows:
        lines += [f"- {alert_title(r, names, lang)}", f"  {evidence_line(r, lang)}",
                  f"  [{r['alert_id']}] {', '.join(r['example_ids'] or [])}", ""]
    payload = {"subject": text("alerts.digest_subject", lang, count=len(rows)), "language": lang,
               "alerts": [_json_alert(r, names, lang) for r in rows]}
    return Digest(payload["subject"], "\n".join(lines), payload, [r["alert_id"] for r in rows])


def _json_alert(r: dict, names: dict, lang: str) -> dict:
    keep = ("alert_id", "metric", "agency_key", "region_key", "area", "observed", "expected", "lower", "upper",
            "p_value", "q_value", "tests_in_month", "example_ids")
    return {**{k: r[k] for k in keep}, "month": r["month"].isoformat(), "title": alert_title(r, names, lang),
            "measure": measure(r, lang)}


def send_email(settings, digest: Digest) -> None:
    message = EmailMessage()
    message["Subject"], message["From"] = digest.subject, settings.alert_mail_from
    message["To"] = ", ".join(recipients(settings))
    message.set_content(digest.body)
    try:
        with smtplib.SMTP(settings.alert_smtp_host, settings.alert_smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
            if settings.alert_smtp_starttls:
                smtp.starttls()
            if settings.alert_smtp_user:
                smtp.login(settings.alert_smtp_user, settings.alert_smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DigestError(f"The e-mail digest was not sent ({settings.alert_smtp_host}:{settings.alert_smtp_port}): "
                          f"{exc}") from None


def post_webhook(settings, digest: Digest) -> None:
    import httpx

    try:
        response = httpx.post(settings.alert_webhook_url, json=digest.payload, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise DigestError(f"The webhook did not accept the digest ({settings.alert_webhook_url}): {exc}") from None


SENDERS = {"email": send_email, "webhook": post_webhook}
