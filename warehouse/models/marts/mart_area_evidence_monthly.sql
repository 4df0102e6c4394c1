-- grain: one row per agency, competency area and month of registration
-- key: agency_key, area, evidence_month
-- materialized: incremental
-- partition: agency_key, evidence_month
-- The additive counts behind the citizens' behaviour gaps and the training-impact analysis: per
-- agency-month, the appeals and those the classifier (or an analyst) has read, and per area those
-- with negative, positive and neutral evidence, with the strongest complaints as examples. Every
-- area gets a row (zero counts too), so a rate over any months is
-- sum(negative_appeals) / sum(classified_appeals). Incremental: only the agency-months with an
-- appeal changed since the previous build (fct_appeal_last_change) are recomputed and replaced.
with evidence as (
    select * from fct_appeal_evidence
),

appeals as (
    select appeal_id, agency_key, agency, agency_kind, registered_month from fct_appeals
),

changes as (
    select * from fct_appeal_last_change
),

areas as (
    select area_id as area from ref_competency_areas
),

touched as (
    select distinct agency_key, registered_month as evidence_month
    from changes
    where changed_at > getvariable('incremental_since_at')
),

volumes as (
    select
        a.agency_key,
        a.registered_month                  as evidence_month,
        any_value(a.agency)                 as agency,
        any_value(a.agency_kind)            as agency_kind,
        count(*)                            as appeals,
        count(*) filter (where c.is_classified) as classified_appeals
    from appeals a
    join changes c using (appeal_id)
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
        v.classified_appeals,
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
