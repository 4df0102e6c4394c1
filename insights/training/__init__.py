"""Training planners' room: behaviour gaps to ranked priorities, a plan for a budget, impact, and the
360 questionnaire that measures the competencies the plan trains."""
