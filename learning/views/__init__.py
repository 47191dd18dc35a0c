"""The learning stage's views, one module per area."""
