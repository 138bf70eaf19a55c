"""Answers as scoring reads them: each answer's score and number, and the respondents x
questions matrix. Built by loading, read by scoring; imports neither."""
