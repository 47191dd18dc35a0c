#!/usr/bin/env python
"""Django's command-line utility for administrative tasks (installed as `opentraining`)."""

from config.cli import main

if __name__ == "__main__":
    main()
