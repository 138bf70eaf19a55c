"""The commands and the services behind them: load, score and plan (pipeline), reports per
unit, status, a new engagement, outlines, output files and schemas. cli.py calls these."""
