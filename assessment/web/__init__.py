"""The web questionnaire and consultant workspace (`readiness serve`)."""
