from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "apps.selfcheck"
    label = "selfcheck"
