-- grain: one row per appeal and competency area it gives evidence about, with the behavioural indicators its text matches
-- key: appeal_id, area
-- materialized: incremental
-- partition: agency_key, evidence_month
-- The expensive step behind the citizens' behaviour gaps (joining labels to texts and scanning
-- them for the indicators' keywords) runs only for the agency-months with an appeal that changed
-- since the previous build (fct_appeal_last_change: loaded, classified or corrected later).
-- Effective indicators are looked for in praise of the area, ineffective ones in complaints; a
-- neutral mention matches none.
with labels as (
    select * from fct_appeal_areas
),

appeals as (
    select appeal_id, agency_key, registered_month, text from fct_appeals
),

keywords as (
    select * from stg_indicator_keywords
),

touched as (
    select distinct agency_key, registered_month as evidence_month
    from fct_appeal_last_change
    where changed_at > getvariable('incremental_since_at')
),

evidence as (
    select
        l.appeal_id,
        l.area,
        a.agency_key,
        a.registered_month                    as evidence_month,
        l.polarity,
        l.score,
        l.is_corrected,
        lower(coalesce(a.text, ''))           as text
    from labels l
    join appeals a using (appeal_id)
    join touched t on t.agency_key = a.agency_key and t.evidence_month = a.registered_month
),

matches as (
    select e.appeal_id, e.area, list(distinct k.indicator_id order by k.indicator_id) as matched_indicators
    from evidence e
    join keywords k
      on k.area = e.area
     and k.is_effective = (e.polarity = 'positive')
     and e.polarity in ('positive', 'negative')
     and contains(e.text, k.keyword)
    group by e.appeal_id, e.area
),

final as (
    select
        e.appeal_id,
        e.area,
        e.agency_key,
        e.evidence_month,
        e.polarity,
        e.score,
        e.is_corrected,
        coalesce(m.matched_indicators, []::varchar[])     as matched_indicators,
        now()::timestamp                                  as refreshed_at
    from evidence e
    left join matches m using (appeal_id, area)
)

select * from final
