"""Demo of the learning stage: the self-paced courses."""

from learning import demo_self_paced


def load(stdout) -> None:
    demo_self_paced.load(stdout)
