"""Qt widgets: thin adapters over the core."""
