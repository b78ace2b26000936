"""Partners (collectivités), libraries, opening hours and closures."""
