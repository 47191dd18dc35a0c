"""What the learning stage does when other stages' events happen."""
