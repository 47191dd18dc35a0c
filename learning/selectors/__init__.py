"""The learning stage's selectors, one module per area."""
