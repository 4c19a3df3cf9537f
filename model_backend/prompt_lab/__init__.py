"""Prompt engineering lab: techniques as data, templates, scoring and experiments (Qt-free)."""
