"""Cultural action proposals, review workflow, comments."""
