from tests.reporting.conftest import centre  # noqa: F401 - the small centre, known figures
