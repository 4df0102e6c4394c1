-- grain: one row per cube cell (agency, region, channel, language, appeal type, month), competency area and polarity
-- key: agency_key, region_key, channel, language, appeal_type, registered_month, area, polarity
-- Additive counts of appeals giving evidence about each area: the heatmap, the trends and the
-- "what changed" table are sums over this cube, divided by volumes of mart_responsiveness.
with areas as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeal_areas where registered_month is not null
),

final as (
    select
        agency_key,
        region_key,
        channel,
        language,
        appeal_type,
        registered_month,
        area,
        polarity,
        count(*)                                      as appeals,
        sum(score)                                    as sum_score,
        count(*) filter (where is_corrected)          as corrected
    from areas
    group by agency_key, region_key, channel, language, appeal_type, registered_month, area, polarity
)

select * from final
