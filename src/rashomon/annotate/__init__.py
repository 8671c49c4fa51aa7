"""Annotate stage: sentences, entities, times, places, quantities and military units."""
