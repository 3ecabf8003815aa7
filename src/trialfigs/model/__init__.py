"""Stage 2, model: illustrative curves through published values and the opt-in simulated cohort (derived, never evidence)."""
