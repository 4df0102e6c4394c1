"""Deterministic synthetic data for Tyndau: citizens' appeals, their lifecycles, 360-degree surveys
and a training catalogue, with documented behaviour gaps planted so that the analytics can be
checked against a known truth. See ``sample_data/README.md``.
"""
