"""The kickoff workshop mode: a full-screen, projector-friendly window for day 1."""
