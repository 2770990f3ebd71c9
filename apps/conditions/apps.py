from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "apps.conditions"
    label = "conditions"
