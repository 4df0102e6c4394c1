-- grain: one row per event in an appeal's history
-- key: appeal_id, event_seq
with source as (
    select * from raw_appeal_events
),

final as (
    select
        source || ':' || external_id   as appeal_id,
        event_seq,
        lower(event_type)              as event_type,
        local_time(event_at)           as event_at,
        lower(status)                  as status,
        from_agency,
        to_agency,
        author,
        text,
        load_run_id
    from source
)

select * from final
