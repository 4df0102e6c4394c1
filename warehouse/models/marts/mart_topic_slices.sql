-- grain: one row per emerging theme, slice kind (agency or region) and key, for its five largest of each
-- key: theme_no, kind, slice_key
-- Where a theme comes from: the agencies that received it and the regions it was written in.
with members as (
    select * from fct_topic_members
),

appeals as (
    select * from fct_appeals
),

counted as (
    select m.theme_no, 'agency' as kind, a.agency_key as slice_key, count(*) as appeals
    from members m join appeals a using (appeal_id)
    where a.agency_key is not null
    group by all
    union all
    select m.theme_no, 'region' as kind, a.region_key as slice_key, count(*) as appeals
    from members m join appeals a using (appeal_id)
    where a.region_key is not null
    group by all
),

ranked as (
    select *, row_number() over (partition by theme_no, kind order by appeals desc, slice_key) as place
    from counted
)

select theme_no, kind, slice_key, appeals, place
from ranked
where place <= 5
