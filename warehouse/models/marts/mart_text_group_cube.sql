-- grain: one row per group of similar texts, cube cell (agency, region, channel, language, appeal type, month) and polarity
-- key: area, group_no, agency_key, region_key, channel, language, appeal_type, registered_month, polarity
-- Counts of each group under any filter of the dashboard, without touching the appeals.
with members as (
    select * from fct_text_group_members
),

areas as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeal_areas where registered_month is not null
),

final as (
    select
        m.area,
        m.group_no,
        x.agency_key,
        x.region_key,
        x.channel,
        x.language,
        x.appeal_type,
        x.registered_month,
        x.polarity,
        count(*)                                      as appeals
    from members m
    join areas x using (appeal_id, area)
    group by all
)

select * from final
