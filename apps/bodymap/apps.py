from django.apps import AppConfig


class BodymapConfig(AppConfig):
    name = "apps.bodymap"
    label = "bodymap"
