"""Small helpers every layer may use: paths shown to users, the bundled data folder."""
