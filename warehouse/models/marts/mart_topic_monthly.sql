-- grain: one row per emerging theme and month with appeals in it
-- key: theme_no, registered_month
-- The theme's trend: its appeals per month and their share of all appeals with a theme that month.
-- An appeal without a registration date (a source mapping may leave it out) has no month: it counts in
-- its theme's size (mart_topics), not in its trend.
with members as (
    select * from fct_topic_members
),

appeals as (
    select * from fct_appeals where registered_month is not null
),

monthly as (
    select m.theme_no, a.registered_month, count(*) as appeals
    from members m
    join appeals a using (appeal_id)
    group by all
)

select
    theme_no,
    registered_month,
    appeals,
    appeals / sum(appeals) over (partition by registered_month) as share_of_month
from monthly
