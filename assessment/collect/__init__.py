"""Collecting answers: questionnaire workbooks for business units, imports, and pseudonyms."""
