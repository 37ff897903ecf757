"""csdesk's benchmarks: each measures one figure against its target (``make bench``)."""
