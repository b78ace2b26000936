"""Partner conventions, contributions and commitments."""
