"""Machine-readable exports of the results (CSV)."""
