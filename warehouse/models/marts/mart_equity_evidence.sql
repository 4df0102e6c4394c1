-- grain: one row per group dimension, group, agency, competency area and month of registration
-- key: dimension, group_value, agency_key, area, registered_month
-- Complaints (negative evidence) about each area from each citizens' group, per agency-month; the
-- denominator is `classified_appeals` of mart_equity_responsiveness. Only cells with evidence
-- have a row (a missing row is zero).
with groups as (
    select * from int_appeal_groups
),

labels as (
    select appeal_id, area, agency_key, registered_month from fct_appeal_areas where polarity = 'negative'
),

final as (
    select
        g.dimension,
        g.group_value,
        l.agency_key,
        l.area,
        l.registered_month,
        count(*)                 as negative_appeals
    from labels l
    join groups g using (appeal_id)
    where l.registered_month is not null
    group by all
)

select * from final
