-- grain: one row per agency, competency area and month of registration
-- key: agency_key, area, evidence_month
-- materialized: incremental
-- partition: agency_key, evidence_month
-- The additive counts behind the citizens' behaviour gaps and the training-impact analysis: per
-- agency-month, the appeals, and per area those with negative, positive and neutral evidence,
-- with the strongest complaints as examples. Every area gets a row (zero counts too), so a rate
-- over any months is sum(negative_appeals) / sum(appeals). Incremental: only the agency-months whose
-- evidence was refreshed (fct_appeal_evidence.refreshed_at) or that received appeals from a newer
-- load run are recomputed and replaced.
with evidence as (
    select * from fct_appeal_evidence
),

appeals as (
    select appeal_id, agency_key, agency, agency_kind, registered_month from fct_appeals
),

loads as (
    select appeal_id, load_run_id from stg_appeals
),

areas as (
    select area_id as area from ref_competency_areas
),

touched as (
    select distinct agency_key, evidence_month
    from evidence
    where refreshed_at > getvariable('incremental_since_at')
    union
    select distinct a.agency_key, a.registered_month as evidence_month
    from appeals a
    join loads l using (appeal_id)
    where l.load_run_id > getvariable('incremental_since_run')
),

volumes as (
    select
        a.agency_key,
        a.registered_month                  as evidence_month,
        any_value(a.agency)                 as agency,
        any_value(a.agency_kind)            as agency_kind,
        count(*)                            as appeals
    from appeals a
    join touched t on t.agency_key = a.agency_key and t.evidence_month = a.registered_month
    group by a.agency_key, a.registered_month
),

counts as (
    select
        e.agency_key,
        e.evidence_month,
        e.area,
        count(*) filter (where e.polarity = 'negative')                               as negative_appeals,
        count(*) filter (where e.polarity = 'positive')                               as positive_appeals,
        count(*) filter (where e.polarity = 'neutral')                                as neutral_appeals,
        count(*) filter (where e.polarity = 'negative' and len(e.matched_indicators) > 0)
                                                                                      as negative_matching_indicators,
        list(e.appeal_id order by e.score desc nulls last, e.appeal_id)
            filter (where e.polarity = 'negative')                                    as negative_ids
    from evidence e
    join touched t on t.agency_key = e.agency_key and t.evidence_month = e.evidence_month
    group by e.agency_key, e.evidence_month, e.area
),

final as (
    select
        v.agency_key,
        v.agency,
        v.agency_kind,
        r.area,
        v.evidence_month,
        v.appeals,
        coalesce(c.negative_appeals, 0)                       as negative_appeals,
        coalesce(c.positive_appeals, 0)                       as positive_appeals,
        coalesce(c.neutral_appeals, 0)                        as neutral_appeals,
        coalesce(c.negative_matching_indicators, 0)           as negative_matching_indicators,
        coalesce(c.negative_ids[1:3], []::varchar[])          as example_appeal_ids
    from volumes v
    cross join areas r
    left join counts c on c.agency_key = v.agency_key and c.evidence_month = v.evidence_month and c.area = r.area
)

select * from final
