"""Digital resources, evaluation campaigns and evaluations."""
