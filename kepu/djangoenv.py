"""Start Django from the CLI, once per process."""

import os

_ready = False


def setup_django(settings_module: str = "cms.settings.dev") -> None:
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()
    _ready = True
