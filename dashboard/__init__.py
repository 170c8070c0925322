"""Violence against women migrant workers: indicators dashboard (UNGA resolution 72/149)."""
