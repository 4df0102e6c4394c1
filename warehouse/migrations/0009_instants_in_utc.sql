-- 0009: raw date-times become instants in UTC; until now they were the deployment's wall clock.
--
-- Ingestion now writes every instant (registered_at, due_at, answered_at, closed_at, event_at,
-- submitted_at) in UTC, and staging shows it in the deployment's zone (warehouse/build.py,
-- local_time). Rows loaded before this version hold local wall clock: read as UTC they would all
-- move by the zone's offset (5 or 6 hours in Kazakhstan), and appeals registered late in the day
-- or month would change day, month and deadline. So they are converted here, in place, once.
--
-- Why a migration and not a documented manual step: every writer migrates before it writes, so no
-- upgraded warehouse can mix local and UTC rows or be read shifted; the conversion runs in the
-- migration's transaction, all or nothing, and schema_migrations records that it ran.
-- The zone is the deployment's `timezone` setting, which the migrating writer passes in
-- (warehouse.db.migrate: the variable deployment_zone); without it the upgrade stops on a
-- warehouse that holds data, rather than guess. A wall clock that occurred twice (a DST fall-back,
-- before Kazakhstan dropped DST in 2005) becomes the instant ICU chooses; the gap is an hour a year.

update raw_appeals set
    registered_at = timezone('UTC', timezone(getvariable('deployment_zone'), registered_at)),
    due_at        = timezone('UTC', timezone(getvariable('deployment_zone'), due_at)),
    answered_at   = timezone('UTC', timezone(getvariable('deployment_zone'), answered_at)),
    closed_at     = timezone('UTC', timezone(getvariable('deployment_zone'), closed_at));

update raw_appeal_events set
    event_at = timezone('UTC', timezone(getvariable('deployment_zone'), event_at));

update raw_survey_responses set
    submitted_at = timezone('UTC', timezone(getvariable('deployment_zone'), submitted_at));
