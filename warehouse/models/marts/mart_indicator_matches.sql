-- grain: one row per agency, behavioural indicator and month of registration with evidence on the indicator's area
-- key: agency_key, indicator_id, evidence_month
-- How often citizens' evidence matches each effective indicator (in praise of its area) and each
-- ineffective one (in complaints about it), by the indicator's keywords: shown next to a gap, so
-- a planner sees which behaviours the complaints describe. Additive over months.
with evidence as (
    select * from fct_appeal_evidence where polarity in ('positive', 'negative')
),

indicators as (
    select distinct indicator_id, area, is_effective from stg_indicator_keywords
),

aligned as (
    select e.agency_key, e.evidence_month, e.appeal_id, e.matched_indicators, i.indicator_id, i.area, i.is_effective
    from evidence e
    join indicators i on i.area = e.area and i.is_effective = (e.polarity = 'positive')
),

final as (
    select
        agency_key,
        indicator_id,
        evidence_month,
        any_value(area)                                                            as area,
        any_value(is_effective)                                                    as is_effective,
        count(*)                                                                   as evidence_texts,
        count(*) filter (where list_contains(matched_indicators, indicator_id))    as matching_texts,
        list(appeal_id order by appeal_id)
            filter (where list_contains(matched_indicators, indicator_id))[1:3]    as example_appeal_ids
    from aligned
    group by agency_key, indicator_id, evidence_month
)

select * from final
