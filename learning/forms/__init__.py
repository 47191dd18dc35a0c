"""The learning stage's forms, one module per area."""
