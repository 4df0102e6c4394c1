-- grain: one row per competency area and group of similar texts
-- key: area, group_no
-- A group's label (its key phrases) and sentence (the citizens' own words closest to its centre, for
-- roles that may read texts), size, cohesion and representative examples (the texts
-- closest to its centre), and the agency that received most of it: "the ramp at the public
-- service centre in Taraz, raised 40 times" is one row here.
with members as (
    select * from fct_text_group_members
),

areas as (
    select * from fct_appeal_areas
),

joined as (
    select m.area, m.group_no, m.group_label, m.group_sentence, m.similarity, m.is_example, m.appeal_id,
           x.polarity, x.agency_key, x.registered_at
    from members m
    join areas x using (appeal_id, area)
),

agency_counts as (
    select
        area, group_no, agency_key, count(*) as appeals,
        row_number() over (partition by area, group_no order by count(*) desc, agency_key) as place
    from joined
    group by area, group_no, agency_key
),

groups as (
    select
        area,
        group_no,
        any_value(group_label)                                            as label,
        any_value(group_sentence)                                         as sentence,
        count(*)                                                          as appeals,
        count(*) filter (where polarity = 'negative')                     as negative,
        count(*) filter (where polarity = 'positive')                     as positive,
        count(*) filter (where polarity = 'neutral')                      as neutral,
        avg(similarity)                                                   as cohesion,
        min(registered_at)                                                as first_registered_at,
        max(registered_at)                                                as last_registered_at,
        list(appeal_id order by similarity desc) filter (where is_example) as example_ids
    from joined
    group by area, group_no
),

final as (
    select g.*, c.agency_key as top_agency_key, c.appeals as top_agency_appeals
    from groups g
    left join agency_counts c on c.area = g.area and c.group_no = g.group_no and c.place = 1
)

select * from final
