-- grain: one row per cube cell (agency, region, channel, language, appeal type, month) and redirect from one agency to another
-- key: agency_key, region_key, channel, language, appeal_type, registered_month, from_agency, to_agency
-- Who sends appeals to whom. A step `is_return` sends the appeal back to an agency it had
-- already visited: the "ping-pong" citizens complain about, visible as a pair in both directions.
with appeals as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeals where registered_month is not null
),

events as (
    select * from stg_appeal_events
),

redirects as (
    select
        appeal_id,
        event_seq,
        coalesce(from_agency, '?')                                                    as from_agency,
        coalesce(to_agency, '?')                                                      as to_agency
    from events
    where event_type = 'redirect'
),

visited as (
    -- every agency that held the appeal before each redirect: the first sender and every earlier receiver
    select
        r.appeal_id,
        r.event_seq,
        exists (
            select 1 from redirects p
            where p.appeal_id = r.appeal_id and p.event_seq < r.event_seq
              and (p.from_agency = r.to_agency or p.to_agency = r.to_agency)
        )                                                                             as is_return
    from redirects r
),

final as (
    select
        a.agency_key,
        a.region_key,
        a.channel,
        a.language,
        a.appeal_type,
        a.registered_month,
        r.from_agency,
        r.to_agency,
        count(*)                                                                      as redirects,
        count(*) filter (where v.is_return)                                           as returns,
        count(distinct r.appeal_id)                                                   as appeals
    from redirects r
    join visited v using (appeal_id, event_seq)
    join appeals a using (appeal_id)
    group by all
)

select * from final
