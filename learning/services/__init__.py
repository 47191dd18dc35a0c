"""The learning stage's services, one module per area."""
