"""What the learning stage does when other stages' events happen."""

from learning import video_receivers  # noqa: F401
