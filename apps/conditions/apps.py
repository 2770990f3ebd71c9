from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "apps.conditions"
    label = "conditions"

    def ready(self) -> None:
        from apps.conditions import checks  # noqa: F401  (registers the content check)
