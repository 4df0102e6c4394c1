-- 0006: what happens to an early-warning alert after the build found it (mart_alerts holds the
-- alerts themselves and is rebuilt; these rows are kept, keyed by its stable alert_id).
-- Written only by the writer: acknowledgements come from the dashboard through the inbox
-- (warehouse/alert_state.py), deliveries from `tyndau alerts --send`.

-- One row per acknowledged alert: who (the dashboard user name) and when.
create table alert_acknowledgements (
    alert_id            varchar primary key,
    acknowledged_by     varchar not null,
    acknowledged_at     timestamp not null,     -- when the user clicked (UTC), not when the writer stored it
    note                varchar
);

-- One row per alert and channel it was sent on in a digest.
create table alert_deliveries (
    alert_id            varchar not null,
    channel             varchar not null,       -- email | webhook
    sent_at             timestamp not null,
    primary key (alert_id, channel)
);
